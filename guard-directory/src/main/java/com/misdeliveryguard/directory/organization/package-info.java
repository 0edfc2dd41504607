/**
 * Organizations and the domains they own. {@link com.misdeliveryguard.directory.organization.OrganizationName}
 * folds company-form words ({@code 株式会社}, {@code ㈱}, {@code (株)}, {@code Inc.}, {@code Co., Ltd.}, …) so
 * that the forms people write name one organization; {@link com.misdeliveryguard.directory.organization.DomainName}
 * holds a checked domain in ASCII (punycode) form; {@link com.misdeliveryguard.directory.organization.InternalDomains}
 * says which domains are the company's own.
 */
package com.misdeliveryguard.directory.organization;

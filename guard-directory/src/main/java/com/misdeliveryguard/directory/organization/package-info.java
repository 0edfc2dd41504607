/**
 * Which domains are whose, as configured: {@link com.misdeliveryguard.directory.organization.InternalDomains}
 * says which domains are the company's own ({@code guard.internal-domains});
 * {@link com.misdeliveryguard.directory.organization.FreeMailDomains} names the providers anybody can sign up
 * to, whose domains an import never credits to an organization. Organizations themselves and their
 * names are core values ({@link com.misdeliveryguard.core.directory.Organization}).
 */
package com.misdeliveryguard.directory.organization;

/**
 * The cached read side the rules use: {@link com.misdeliveryguard.directory.lookup.CachedContactDirectory}
 * normalizes what a rule asks, answers from Caffeine caches and asks the store on a miss. Absence
 * is cached too, so a burst of mail to one unknown address costs one query. Caches are bounded by
 * entry count and expire after a configurable time, so instances sharing one database converge
 * after another instance imports; an import in this instance invalidates at once.
 */
package com.misdeliveryguard.directory.lookup;

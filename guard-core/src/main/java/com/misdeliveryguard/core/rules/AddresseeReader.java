package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.directory.ContactDirectory;
import com.misdeliveryguard.core.directory.Organization;
import com.misdeliveryguard.core.directory.TextKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads whom a fragment of text addresses, once its honorific ({@code 様}, {@code 御中}, {@code Dear}) is
 * gone: which organization of the directory it names and which person.
 *
 * <p>The text is normalized (NFKC: full-width spaces and letters, {@code ㈱} → {@code (株)}), split into
 * words at spaces, brackets, slashes and commas. The organization is the first run of up to three words
 * that {@link OrganizationNames} knows (company-form words such as 株式会社 or Inc. do not matter; a romaji
 * name also by its organization's domain stem, {@code Aoba Shoji} for {@code aoba-shoji.co.jp}), tried longest first — a single word that is also someone's name ({@code 鈴木} beside a
 * 鈴木株式会社) is read as the name; a single Japanese word may also begin with an organization's name
 * ({@code あおば商事田中}).
 * Department words ({@code 営業部}, {@code 第二課}, {@code Sales Dept.}) and titles ({@code 部長},
 * {@code Mr.}) are dropped; the last one or two remaining words of the line are the person (a Japanese
 * word of more than three characters is no family name and is left out), unless they are a generic form ({@code 各位}, {@code ご担当者}, {@code 皆様}, {@code all}, {@code team}).
 */
final class AddresseeReader {

    /** Words read at most per fragment; longer texts are not salutations. */
    static final int MAX_WORDS = 8;
    static final int MAX_ORGANIZATION_WORDS = 3;

    private static final Pattern SPLIT = Pattern.compile("[\\s,、/／|()\\[\\]{}【】「」『』〔〕<>《》〈〉\"'“”‘’:：]+");
    private static final Pattern DEPARTMENT = Pattern.compile(
            "[^\\s]{2,}(部|課|室|係|グループ|チーム|センター|本部|支店|支社|事業部|局|営業所|工場|研究所|事務所|事務局)"
                    + "|(?i)(dept\\.?|department|division|sales|hr|accounting|legal|support)");
    private static final Pattern TITLE = Pattern.compile(
            "(?i)(代表取締役社長|代表取締役|取締役|社長|副社長|会長|専務|常務|部長|次長|課長|係長|主任|室長|所長|支店長|センター長|"
                    + "マネージャー|マネジャー|リーダー|.*担当|.*担当者|mr|mrs|ms|miss|mx|dr|prof|professor|sir|madam|manager|director|president)\\.?");
    private static final Pattern TITLE_SUFFIX = Pattern.compile(
            "(.+?)(代表取締役社長|代表取締役|取締役|社長|副社長|会長|専務|常務|部長|次長|課長|係長|主任|室長|所長|支店長|先生)");
    private static final Set<String> GENERIC = Set.of(
            "各位", "関係者各位", "関係各位", "ご関係者各位", "社員各位", "皆様", "皆さま", "みなさま", "皆さん", "みなさん",
            "ご担当者", "ご担当", "担当者", "ご担当者各位", "お客様", "お客", "各社", "皆", "みな", "関係者", "社員", "ご関係者", "御担当者", "御担当", "全員", "ご一同", "御一同",
            "all", "everyone", "everybody", "team", "colleagues", "folks", "guys", "there", "sirormadam", "sir", "madam",
            "sirs", "friends", "partners", "both", "customer", "customers", "members", "staff", "gentlemen", "ladies");

    private final ContactDirectory directory;
    private final OrganizationNames organizations;

    AddresseeReader(ContactDirectory directory) {
        this.directory = directory;
        this.organizations = new OrganizationNames(directory);
    }

    /** Reads a fragment that stands alone (a display name). */
    Optional<Addressee> read(String fragment) {
        return read(List.of(), fragment);
    }

    /**
     * Reads a salutation line with the lines above it (a company or department line) as context: the
     * organization may be named in either, the person only in the line itself.
     */
    Optional<Addressee> read(List<String> context, String line) {
        List<String> lineWords = words(line);
        if (lineWords.isEmpty() || lineWords.size() > MAX_WORDS) {
            return Optional.empty();
        }
        Optional<Organization> organization = Optional.empty();
        for (String above : context) {
            List<String> words = words(above);
            if (words.size() <= MAX_WORDS) {
                organization = organization.or(() -> organizationIn(words, words.size()));
            }
        }
        List<String> remaining = new ArrayList<>(lineWords);
        if (organization.isEmpty()) {
            organization = organizationIn(remaining, remaining.size());
        }
        if (organization.isEmpty() && remaining.size() == 1) {
            organization = gluedOrganization(remaining);
        }
        Optional<String> person = person(remaining);
        String written = TextKeys.collapseSpaces(String.join(" ", context) + " " + line);
        return Optional.of(new Addressee(written, organization, person));
    }

    /** The first organization named by a run of words among the first {@code limit}; its words are removed. */
    private Optional<Organization> organizationIn(List<String> words, int limit) {
        for (int start = 0; start < limit; start++) {
            for (int length = Math.min(MAX_ORGANIZATION_WORDS, limit - start); length >= 1; length--) {
                List<String> run = words.subList(start, start + length);
                if (run.stream().allMatch(AddresseeReader::isTitleOrDepartment)) {
                    continue;
                }
                Optional<Organization> found = organizations.named(String.join(" ", run));
                if (found.isPresent() && !(length == 1 && isSomeonesName(run.get(0)))) {
                    run.clear();
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** True when people of the directory have this name: {@code 鈴木} is read as a person even if 鈴木株式会社 exists. */
    private boolean isSomeonesName(String word) {
        return !directory.contactsNamed(word, 1).isEmpty();
    }

    /** {@code あおば商事田中} → あおば商事 and 田中: a Japanese word that begins with an organization's name. */
    private Optional<Organization> gluedOrganization(List<String> words) {
        Optional<OrganizationNames.Beginning> beginning = organizations.beginning(words.get(0));
        beginning.ifPresent(found -> words.set(0, found.rest()));
        return beginning.map(OrganizationNames.Beginning::organization);
    }

    private static Optional<String> person(List<String> words) {
        List<String> names = new ArrayList<>();
        for (String word : words) {
            if (isTitleOrDepartment(word)) {
                continue;
            }
            var titled = TITLE_SUFFIX.matcher(word);
            names.add(titled.matches() ? titled.group(1) : word);
        }
        if (names.isEmpty()) {
            return Optional.empty();
        }
        List<String> last = names.subList(Math.max(0, names.size() - 2), names.size());
        if (last.size() == 2 && TextKeys.hasJapanese(last.get(0)) && last.get(0).length() > 3) {
            last = last.subList(1, 2); // 経営企画 田中: a Japanese family name is one to three characters
        }
        String person = String.join(" ", last);
        String key = TextKeys.nameKey(person);
        if (GENERIC.contains(key) || GENERIC.stream().anyMatch(generic -> generic.length() > 1 && key.endsWith(generic)
                && TextKeys.hasJapanese(generic))) {
            return Optional.empty();
        }
        return Optional.of(person);
    }

    private static boolean isTitleOrDepartment(String word) {
        return TITLE.matcher(word).matches() || (DEPARTMENT.matcher(word).matches() && word.length() > 1);
    }

    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : SPLIT.split(TextKeys.nfkc(text).replace('\u3000', ' '))) {
            String trimmed = word.strip();
            if (!trimmed.isEmpty()) {
                words.add(trimmed);
            }
        }
        return words;
    }
}

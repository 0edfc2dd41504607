package com.misdeliveryguard.core.corpus;

import com.misdeliveryguard.core.corpus.CompanyDirectory.Org;
import com.misdeliveryguard.core.corpus.CompanyDirectory.Person;
import com.misdeliveryguard.core.corpus.MimeMail.Address;
import com.misdeliveryguard.core.corpus.MimeMail.Encoding;
import com.misdeliveryguard.core.directory.VariantKanji;
import com.misdeliveryguard.core.history.SenderHistory;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.rules.RuleIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The labelled mails of the company corpus (issue 10), generated over a {@link CompanyDirectory}: for each
 * cause the issue lists, misdeliveries that must be stopped, and the legitimate mail around them that must
 * pass — Outlook-JP ({@code -----Original Message-----}) and Gmail ({@code … <address>:} and {@code >} lines)
 * quoting that names other customers, forwards, signatures naming partner companies, English and Japanese,
 * in every encoding of {@link MimeMail}. Each sender has a history: a few colleagues and customers they write
 * to every week, and one customer project team.
 */
final class CompanyMails {

    /** A labelled mail: whether it must be stopped and, if so, the rule that must say why. */
    record Labelled(String id, String cause, boolean misdelivery, Optional<String> rule, MailAddress sender,
            List<MailAddress> recipients, byte[] bytes) {

        @Override
        public String toString() {
            return id + " (" + cause + ")";
        }
    }

    static final int SENDERS = 20;
    static final Instant NOW = Instant.parse("2025-04-01T01:00:00Z");

    private final CompanyDirectory directory;
    private final Random random;
    private final Map<Person, List<Person>> usualColleagues = new HashMap<>();
    private final Map<Person, List<Person>> usualCustomers = new HashMap<>();
    private final Map<Person, Org> teams = new HashMap<>();
    private final Set<String> written = new LinkedHashSet<>();
    private final List<Labelled> mails = new ArrayList<>();
    private int sequence;

    CompanyMails(CompanyDirectory directory, long seed) {
        this.directory = directory;
        this.random = new Random(seed);
        for (int s = 0; s < SENDERS; s++) {
            Person sender = directory.colleagues.get(s);
            List<Person> colleagues = new ArrayList<>();
            while (colleagues.size() < 4) {
                Person colleague = directory.colleagues.get(SENDERS + random.nextInt(CompanyDirectory.COLLEAGUES - SENDERS));
                if (!colleagues.contains(colleague) && !colleague.latin()) {
                    colleagues.add(colleague);
                }
            }
            List<Person> customers = new ArrayList<>();
            Set<Org> orgs = new LinkedHashSet<>();
            while (customers.size() < 8) {
                Person customer = directory.external.get(random.nextInt(directory.external.size()));
                if (orgs.add(customer.org())) {
                    customers.add(customer);
                }
            }
            usualColleagues.put(sender, colleagues);
            usualCustomers.put(sender, customers);
            Org team;
            do {
                team = directory.organizations.get(random.nextInt(directory.organizations.size()));
            } while (orgs.contains(team));
            teams.put(sender, team);
            for (Person usual : concat(colleagues, customers)) {
                written.add(sender.address() + ">" + usual.address());
            }
            for (Person member : members(team)) {
                written.add(sender.address() + ">" + member.address());
            }
        }
    }

    /**
     * Records every sender's usual correspondents: colleagues and customers 3–20 times, the project team 3 times.
     * Call after {@link #all()}, which may add usual correspondents.
     */
    void history(SenderHistory history) {
        for (Person sender : usualColleagues.keySet()) {
            MailAddress from = MailAddress.of(sender.address());
            for (Person usual : concat(usualColleagues.get(sender), usualCustomers.get(sender))) {
                int times = 3 + random.nextInt(18);
                for (int i = 0; i < times; i++) {
                    history.record(from, MailAddress.of(usual.address()), NOW.minusSeconds(86_400L * (i + 1)));
                }
            }
            for (Person member : members(teams.get(sender))) {
                for (int i = 0; i < 3; i++) {
                    history.record(from, MailAddress.of(member.address()), NOW.minusSeconds(86_400L * (i + 2)));
                }
            }
        }
    }

    List<Labelled> all() {
        if (!mails.isEmpty()) {
            return mails;
        }
        for (int round = 0; round < 6; round++) {
            legitimate(round);
            misdeliveries(round);
        }
        return mails;
    }

    // ---------------------------------------------------------------- legitimate mail

    private void legitimate(int round) {
        Person sender = sender();
        Person customer = customer(sender);
        send("estimate", false, sender, customer, List.of(), "【お見積り】" + customer.org().display() + "様 " + round,
                customer.org().name() + "\n" + customer.department() + " " + customer.family() + "様\n\n"
                        + "いつもお世話になっております。エグザンプルの" + sender.family() + "です。\nお見積書をお送りいたします。",
                Optional.of("御見積書_" + customer.org().display() + "様.pdf"));

        sender = sender();
        customer = customer(sender);
        send("english", false, sender, customer, List.of(), "Quotation for " + orgRomaji(customer.org()),
                (customer.latin() ? "Dear " + customer.name().split(" ")[0] + "," : "Dear " + (round % 2 == 0 ? "Mr. " : "Ms. ")
                        + variantSpelling(CompanyDirectory.romaji(customer.familyReading()), round) + ",")
                        + "\n\nThank you for your inquiry. Please find our quotation attached.\n\nBest regards,\n"
                        + CompanyDirectory.romaji(sender.familyReading()), Optional.empty());

        sender = sender();
        customer = customer(sender);
        Org customersOrg = customer.org();
        Person other = anyExternal(p -> !p.org().equals(customersOrg) && !p.latin());
        send("outlook-reply", false, sender, customer, List.of(), "RE: 打ち合わせの件",
                customer.org().name() + " " + customer.family() + "様\n\nご連絡ありがとうございます。承知いたしました。\n\n"
                        + "-----Original Message-----\nFrom: " + other.name() + " <" + other.address() + ">\n"
                        + "Sent: Monday, March 31, 2025 5:00 PM\nTo: " + sender.name() + "\nSubject: 打ち合わせの件\n\n"
                        + other.org().name() + "\n" + other.family() + "様向けの資料です。", Optional.empty());

        sender = sender();
        customer = customer(sender);
        Person quoted = anyExternal(p -> !p.latin());
        send("gmail-reply", false, sender, customer, List.of(), "Re: 【" + customer.org().display() + "様】納期のご相談",
                customer.family() + "様\n\n承知しました。来週お伺いします。\n\n2025年3月31日(月) 17:00 " + quoted.name() + " <"
                        + quoted.address() + ">:\n> " + quoted.org().display() + "様\n> " + quoted.org().display()
                        + "様向けの件、ご確認ください。", Optional.empty());

        sender = sender();
        Person colleague = usualColleagues.get(sender).get(round % 4);
        Person forwarded = anyExternal(p -> !p.latin());
        send("internal-forward", false, sender, colleague, List.of(), "Fw: 【" + forwarded.org().display() + "様】ご提案",
                colleague.family() + "さん\n\n下記、転送します。ご確認ください。\n\n---------- Forwarded message ---------\n"
                        + "From: " + forwarded.name() + " <" + forwarded.address() + ">\n"
                        + forwarded.org().display() + "様向けのご提案です。", Optional.empty());

        sender = sender();
        customer = customer(sender);
        Org partner = directory.organizations.get(random.nextInt(directory.organizations.size()));
        send("signature-partner", false, sender, customer, List.of(), "資料送付のご連絡",
                customer.org().name() + "\n" + customer.family() + "様\n\nいつもお世話になっております。\n資料を送付いたします。\n\n"
                        + "--\n" + sender.name() + "\n" + CompanyDirectory.INTERNAL_NAME + " " + sender.department() + "\n"
                        + "協力会社: " + partner.name() + "様\n" + partner.display() + "御中の案件も承ります。", Optional.empty());

        sender = sender();
        colleague = usualColleagues.get(sender).get((round + 1) % 4);
        send("internal-usual", false, sender, colleague, List.of(), "【社外秘】チェックリスト",
                colleague.family() + "さん\n\nお疲れさまです。チェックリストを送ります。", Optional.of("checklist.xlsx"));

        sender = sender();
        Person first = customer(sender);
        Person second = customerOf(sender, (usualCustomers.get(sender).indexOf(first) + 1) % 8);
        send("three-party", false, sender, first, List.of(second), "三社打ち合わせのご案内",
                first.org().name() + " " + first.family() + "様 / " + second.org().name() + " " + second.family() + "様\n\n"
                        + "いつもお世話になっております。三社打ち合わせの日程をご案内いたします。", Optional.empty());

        sender = sender();
        List<Person> team = members(teams.get(sender));
        send("one-team", false, sender, team.get(0), team.subList(1, team.size()),
                teams.get(sender).display() + " プロジェクト定例",
                teams.get(sender).name() + "\nプロジェクトチーム各位\n\nお疲れさまです。定例の資料をお送りします。", Optional.empty());

        sender = sender();
        Person variant = variantCustomer(sender);
        send("variant-kanji-salutation", false, sender, variant, List.of(), "ご請求書送付の件",
                variant.org().name() + " " + VariantKanji.fold(variant.family()) + "様\n\nいつもお世話になっております。",
                Optional.empty());

        sender = sender();
        customer = customer(sender);
        send("subject-own-customer", false, sender, customer, List.of(), "【" + customer.org().display() + "様】ご提案",
                customer.family() + "様\n\nご提案資料をお送りします。", Optional.empty());

        sender = sender();
        send("internal-role-address", false, sender, person("sales-all@example.co.jp", ""), List.of(
                person("info@example.co.jp", "")), "営業部 全体連絡", "営業部各位\n\n来週の全体会議の件です。", Optional.empty());

        sender = sender();
        customer = japaneseCustomer(sender);
        send("romaji-company", false, sender, customer, List.of(), "Meeting on Friday",
                orgRomaji(customer.org()) + " Co., Ltd. / Mr. " + capital(CompanyDirectory.romaji(customer.familyReading()))
                        + "\n\nThank you for your time yesterday.", Optional.empty());

        sender = sender();
        customer = japaneseCustomer(sender);
        send("body-own-customer", false, sender, customer, List.of(), "ご提案資料",
                customer.family() + "様\n\n" + customer.org().display() + "様向けのご提案資料をお送りします。", Optional.empty());

        sender = sender();
        customer = customer(sender);
        Person colleagueCc = usualColleagues.get(sender).get(round % 4);
        send("cc-colleague", false, sender, customer, List.of(colleagueCc), "日程調整のお願い",
                customer.org().name() + " " + customer.family() + "様\n（CC: 弊社" + colleagueCc.family() + "）\n\n"
                        + "打ち合わせの日程をご相談させてください。", Optional.empty());

        sender = sender();
        customer = japaneseCustomer(sender);
        send("hepburn-variant", false, sender, customer, List.of(), "Re: Schedule",
                "Hi " + variantSpelling(CompanyDirectory.romaji(customer.familyReading()), round + 1) + "-san,\n\n"
                        + "Thanks, Friday works for us.", Optional.empty());
    }

    // ---------------------------------------------------------------- misdeliveries

    private void misdeliveries(int round) {
        Person sender = sender();
        Person customer = japaneseCustomer(sender);
        Org other = customerOf(sender, 7 - round % 4).org();
        send("subject-names-another-customer", true, RuleIds.SALUTATION_MISMATCH, sender, customer,
                "【" + other.display() + "様】ご提案", customer.family() + "様\n\nご提案資料をお送りします。");

        sender = sender();
        Person colleague = usualColleagues.get(sender).get(round % 4);
        Person namesake = namesakeOutside(sender, colleague);
        send("autocomplete-namesake", true, RuleIds.NAMESAKE_OF_USUAL_RECIPIENT, sender, namesake,
                round % 2 == 0 ? "【社外秘】チェックリスト" : "Fw: 社内会議の議事録",
                colleague.family() + "さん\n\nお疲れさまです。" + (round % 2 == 0 ? "チェックリストです。" : "議事録を転送します。"));

        sender = sender();
        customer = japaneseCustomer(sender);
        Person wrong = sameSurnameElsewhere(customer, sender);
        send("body-names-customer", true, null, sender, wrong, "お見積りの件",
                customer.family() + "様\n\n" + customer.org().display() + "様向けのお見積書をお送りいたします。");

        sender = sender();
        customer = japaneseCustomer(sender);
        wrong = sameSurnameElsewhere(customer, sender);
        send("romaji-company-elsewhere", true, null, sender, wrong, "Quotation",
                orgRomaji(customer.org()) + " Co., Ltd. / Mr. " + capital(CompanyDirectory.romaji(customer.familyReading()))
                        + "\n\nPlease find our quotation attached.");

        sender = sender();
        colleague = usualColleagues.get(sender).get((round + 2) % 4);
        send("internal-address-typo", true, RuleIds.INTERNAL_ADDRESS_TYPO, sender, person(typo(colleague.address()), ""),
                "打ち合わせ", colleague.family() + "さん\n\n明日の打ち合わせの件です。");

        sender = sender();
        colleague = usualColleagues.get(sender).get((round + 3) % 4);
        send("internal-display-name", true, RuleIds.INTERNAL_ADDRESS_TYPO, sender,
                person(CompanyDirectory.romaji(colleague.familyReading()) + "@example.co.jp", colleague.name()),
                "資料", colleague.family() + "さん\n\n資料です。");

        sender = sender();
        Person[] pair = variantNamesake(sender, round);
        send("variant-kanji-namesake", true, RuleIds.NAMESAKE_OF_USUAL_RECIPIENT, sender, pair[1], "週次報告",
                VariantKanji.fold(pair[0].family()) + "さん\n\n今週の報告です。");

        sender = sender();
        customer = customer(sender);
        String[] endings = {".co.jo", ".co.kp", ".cojp", ".co.jo", ".co.kp"};
        String domain = customer.org().domain().replace(".co.jp", endings[round % endings.length]).replace(".com", ".cm");
        send("suffix-typo", true, RuleIds.LOOKALIKE_DOMAIN, sender,
                person(customer.address().replace(customer.org().domain(), domain), customer.name()),
                "お見積り", customer.family() + "様\n\nお見積りをお送りします。");

        sender = sender();
        customer = japaneseCustomer(sender);
        wrong = sameSurnameElsewhere(customer, sender);
        send("salutation-company", true, RuleIds.SALUTATION_MISMATCH, sender, wrong, "ご請求書",
                customer.org().name() + " " + customer.department() + " " + customer.family() + "様\n\nご請求書をお送りします。");

        sender = sender();
        send("first-contact", true, RuleIds.UNKNOWN_RECIPIENT, sender,
                person("contact" + round + "@new-partner" + round + ".co.jp", ""), "はじめまして",
                "ご担当者様\n\nはじめまして。エグザンプルの" + sender.family() + "と申します。");

        sender = sender();
        customer = japaneseCustomer(sender);
        while (directory.withName(customer.name()) > 1) {
            customer = japaneseCustomer(sender());
        }
        send("private-address", true, RuleIds.UNKNOWN_RECIPIENT, sender,
                person(CompanyDirectory.romaji(customer.familyReading()) + ".private" + (1970 + round) + "@gmail.com",
                        customer.name()), "資料の件", customer.family() + "様\n\n資料をお送りします。");

        sender = sender();
        Person[] similar = similarCompanies(sender, round);
        send("minutes-similar-company", true, RuleIds.SALUTATION_MISMATCH, sender, similar[1],
                similar[0].org().display() + " 定例会議 議事録", similar[1].family() + "様\n\n議事録をお送りします。");

        sender = sender();
        List<Person> team = members(teams.get(sender));
        Person outsider = customerOf(sender, round % 8);
        List<Person> cc = new ArrayList<>(team.subList(1, team.size()));
        cc.add(outsider);
        sendMany("team-plus-other-company", true, RuleIds.MANY_VISIBLE_EXTERNAL, sender, team.get(0), cc,
                "プロジェクト定例", teams.get(sender).name() + "\nプロジェクトチーム各位\n\n定例の資料です。");
    }

    // ---------------------------------------------------------------- picking people

    private Person sender() {
        return directory.colleagues.get(random.nextInt(SENDERS));
    }

    private Person customer(Person sender) {
        return customerOf(sender, random.nextInt(8));
    }

    private Person customerOf(Person sender, int index) {
        return usualCustomers.get(sender).get(index);
    }

    private Person japaneseCustomer(Person sender) {
        for (int i = 0; i < 8; i++) {
            Person customer = customer(sender);
            if (!customer.latin()) {
                return customer;
            }
        }
        return usualCustomers.get(sender).stream().filter(p -> !p.latin()).findFirst().orElseThrow();
    }

    /** A usual customer written with a variant kanji: taken into the sender's usual list. */
    private Person variantCustomer(Person sender) {
        Person variant = anyExternal(p -> !p.latin() && !VariantKanji.fold(p.family()).equals(p.family())
                && directory.external.stream().filter(q -> q.org().equals(p.org())
                && VariantKanji.fold(q.family()).equals(VariantKanji.fold(p.family()))).count() == 1);
        usualCustomers.get(sender).add(variant);
        written.add(sender.address() + ">" + variant.address());
        return variant;
    }

    private Person anyExternal(Predicate<Person> wanted) {
        for (int i = 0; i < 100_000; i++) {
            Person person = directory.external.get(random.nextInt(directory.external.size()));
            if (wanted.test(person)) {
                return person;
            }
        }
        throw new IllegalStateException("no such person in the generated directory");
    }

    private boolean hasWritten(Person sender, Person recipient) {
        return written.contains(sender.address() + ">" + recipient.address());
    }

    /** An external person with the colleague's surname whom the sender never wrote to. */
    private Person namesakeOutside(Person sender, Person colleague) {
        String family = VariantKanji.fold(colleague.family());
        return anyExternal(p -> VariantKanji.fold(p.family()).equals(family) && !hasWritten(sender, p));
    }

    /** Someone of another organization with the customer's surname whom the sender never wrote to. */
    private Person sameSurnameElsewhere(Person customer, Person sender) {
        String family = VariantKanji.fold(customer.family());
        return anyExternal(p -> !p.org().equals(customer.org()) && VariantKanji.fold(p.family()).equals(family)
                && !hasWritten(sender, p));
    }

    /** A usual colleague and an outside namesake written the other way (高橋 / 髙橋). */
    private Person[] variantNamesake(Person sender, int round) {
        for (Person colleague : directory.colleagues) {
            String folded = VariantKanji.fold(colleague.family());
            boolean variable = !CompanyDirectory.variant(folded).equals(folded);
            if (!variable || directory.colleagues.indexOf(colleague) < SENDERS) {
                continue;
            }
            Optional<Person> outside = directory.external.stream()
                    .filter(p -> VariantKanji.fold(p.family()).equals(folded) && !p.family().equals(colleague.family())
                            && !hasWritten(sender, p))
                    .skip(round).findFirst();
            if (outside.isPresent()) {
                if (!usualColleagues.get(sender).contains(colleague)) {
                    usualColleagues.get(sender).add(colleague);
                    written.add(sender.address() + ">" + colleague.address());
                }
                return new Person[] {colleague, outside.get()};
            }
        }
        throw new IllegalStateException("no variant-kanji namesakes in the generated directory");
    }

    /** Two people of similarly named companies (ひかり電機 / ひかり電工) with the same surname. */
    private Person[] similarCompanies(Person sender, int round) {
        List<Org> organizations = directory.organizations;
        int found = 0;
        for (int i = 0; i < 48; i++) {
            Org a = organizations.get(i);
            Org b = organizations.get(i + 48);
            for (Person p : members(a)) {
                for (Person q : members(b)) {
                    if (!p.latin() && VariantKanji.fold(p.family()).equals(VariantKanji.fold(q.family()))
                            && !hasWritten(sender, q) && found++ == round) {
                        return new Person[] {p, q};
                    }
                }
            }
        }
        Person p = members(organizations.get(round)).get(0);
        return new Person[] {p, members(organizations.get(round + 48)).get(0)};
    }

    private List<Person> members(Org org) {
        return directory.external.stream().filter(p -> p.org().equals(org)).toList();
    }

    private static Person person(String address, String name) {
        return new Person(address, name, "", "", "", null, "");
    }

    /** One edit in the local part: a dropped letter after the dot, or two letters swapped. */
    private String typo(String address) {
        String local = address.substring(0, address.indexOf('@'));
        int dot = local.indexOf('.');
        int at = dot >= 0 && dot + 2 < local.length() ? dot + 2 : local.length() - 1;
        String typo = sequence % 2 == 0 ? local.substring(0, at) + local.substring(at + 1)
                : local.substring(0, at - 1) + local.charAt(at) + local.charAt(at - 1) + local.substring(at + 1);
        return typo + address.substring(address.indexOf('@'));
    }

    private static String orgRomaji(Org org) {
        return Arrays.stream(org.romaji().split("-")).map(CompanyMails::capital).collect(Collectors.joining(" "));
    }

    private static String capital(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** Sato, Satoh, Satou; Shimizu, Simizu: the spellings business cards and passports use. */
    private static String variantSpelling(String romaji, int round) {
        String spelled = switch (round % 3) {
            case 1 -> romaji.endsWith("o") ? romaji + "h" : romaji.replace("shi", "si");
            case 2 -> romaji.endsWith("o") ? romaji + "u" : romaji.replace("tsu", "tu");
            default -> romaji;
        };
        return capital(spelled);
    }

    // ---------------------------------------------------------------- writing the mail

    private void send(String cause, boolean misdelivery, Person sender, Person to, List<Person> cc, String subject,
            String body, Optional<String> attachment) {
        add(cause, misdelivery, Optional.empty(), sender, to, cc, subject, body, attachment);
    }

    private void send(String cause, boolean misdelivery, String rule, Person sender, Person to, String subject,
            String body) {
        add(cause, misdelivery, Optional.ofNullable(rule), sender, to, List.of(), subject, body, Optional.empty());
    }

    private void sendMany(String cause, boolean misdelivery, String rule, Person sender, Person to, List<Person> cc,
            String subject, String body) {
        add(cause, misdelivery, Optional.of(rule), sender, to, cc, subject, body, Optional.empty());
    }

    private void add(String cause, boolean misdelivery, Optional<String> rule, Person sender, Person to, List<Person> cc,
            String subject, String body, Optional<String> attachment) {
        Encoding encoding = Encoding.values()[sequence % Encoding.values().length];
        String id = String.format(Locale.ROOT, "%03d-%s", sequence++, cause);
        List<Address> ccAddresses = cc.stream().map(p -> new Address(p.name(), p.address())).toList();
        byte[] bytes = MimeMail.build(encoding, new Address(sender.name(), sender.address()),
                List.of(new Address(to.name(), to.address())), ccAddresses, subject,
                body + "\n\n--\n" + sender.name() + "\n" + CompanyDirectory.INTERNAL_NAME + " " + sender.department()
                        + "\nTEL 03-1234-5678",
                attachment, id + "@example.co.jp", Optional.empty());
        List<MailAddress> recipients = new ArrayList<>();
        recipients.add(MailAddress.of(to.address()));
        cc.forEach(p -> recipients.add(MailAddress.of(p.address())));
        mails.add(new Labelled(id, cause, misdelivery, rule, MailAddress.of(sender.address()), recipients, bytes));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}

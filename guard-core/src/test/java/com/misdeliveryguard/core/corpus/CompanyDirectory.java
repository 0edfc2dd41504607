package com.misdeliveryguard.core.corpus;

import com.ibm.icu.text.Transliterator;
import com.misdeliveryguard.core.directory.VariantKanji;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A generated directory at the scale of a real company (issue 10): {@value #ORGANIZATIONS} external
 * organizations with {@value #PER_ORGANIZATION} contacts each and {@value #COLLEAGUES} colleagues at
 * {@code example.co.jp} — 3,200 contacts. Surnames are drawn with their real frequencies in Japan (佐藤, 鈴木,
 * 高橋, 田中 … the top 100), so a common surname is shared by about a hundred people; a quarter of the 高橋, 山崎, 斎藤 and 渡辺 are written
 * with a variant kanji (髙橋, 山﨑, 齋藤, 渡邊), as registries often do, and 4 % of external contacts have Latin names. Company names combine
 * a name and a business, so similar names with similar domains are all known
 * ({@code ひかり電機 hikari-denki.co.jp}, {@code ひかり電工 hikari-denko.co.jp}, {@code 北斗システム} and
 * {@code 北斗システムズ}). Deterministic for a seed.
 */
final class CompanyDirectory {

    static final int ORGANIZATIONS = 300;
    static final int PER_ORGANIZATION = 10;
    static final int COLLEAGUES = 200;
    static final String INTERNAL_DOMAIN = "example.co.jp";
    static final String INTERNAL_NAME = "株式会社エグザンプル";

    /** Surname, reading, weight (people per 10,000 in Japan, rounded). */
    static final Object[][] SURNAMES = {
        {"佐藤", "さとう", 187}, {"鈴木", "すずき", 179}, {"高橋", "たかはし", 141}, {"田中", "たなか", 133},
        {"伊藤", "いとう", 107}, {"渡辺", "わたなべ", 107}, {"山本", "やまもと", 107}, {"中村", "なかむら", 105},
        {"小林", "こばやし", 102}, {"加藤", "かとう", 89}, {"吉田", "よしだ", 83}, {"山田", "やまだ", 81},
        {"佐々木", "ささき", 68}, {"山口", "やまぐち", 64}, {"松本", "まつもと", 63}, {"井上", "いのうえ", 61},
        {"木村", "きむら", 57}, {"林", "はやし", 53}, {"斎藤", "さいとう", 53}, {"清水", "しみず", 52},
        {"山崎", "やまざき", 48}, {"森", "もり", 47}, {"池田", "いけだ", 44}, {"橋本", "はしもと", 44},
        {"阿部", "あべ", 44}, {"石川", "いしかわ", 43}, {"山下", "やました", 42}, {"中島", "なかじま", 41},
        {"石井", "いしい", 40}, {"小川", "おがわ", 40}, {"前田", "まえだ", 39}, {"岡田", "おかだ", 39},
        {"長谷川", "はせがわ", 39}, {"藤田", "ふじた", 38}, {"後藤", "ごとう", 37}, {"近藤", "こんどう", 37},
        {"村上", "むらかみ", 36}, {"遠藤", "えんどう", 34}, {"青木", "あおき", 34}, {"坂本", "さかもと", 33},
        {"斉藤", "さいとう", 32}, {"福田", "ふくだ", 32}, {"太田", "おおた", 32}, {"西村", "にしむら", 31},
        {"藤井", "ふじい", 31}, {"金子", "かねこ", 30}, {"岡本", "おかもと", 30}, {"藤原", "ふじわら", 30},
        {"中野", "なかの", 29}, {"三浦", "みうら", 29}, {"原田", "はらだ", 28}, {"中川", "なかがわ", 28},
        {"松田", "まつだ", 28}, {"竹内", "たけうち", 28}, {"小野", "おの", 28}, {"田村", "たむら", 27},
        {"中山", "なかやま", 27}, {"和田", "わだ", 27}, {"石田", "いしだ", 26}, {"森田", "もりた", 26},
        {"上田", "うえだ", 26}, {"原", "はら", 26}, {"内田", "うちだ", 25}, {"柴田", "しばた", 25},
        {"酒井", "さかい", 25}, {"宮崎", "みやざき", 24}, {"横山", "よこやま", 24}, {"高木", "たかぎ", 24},
        {"安藤", "あんどう", 24}, {"宮本", "みやもと", 24}, {"大野", "おおの", 23}, {"小島", "こじま", 23},
        {"谷口", "たにぐち", 23}, {"今井", "いまい", 23}, {"工藤", "くどう", 23}, {"高田", "たかだ", 22},
        {"増田", "ますだ", 22}, {"丸山", "まるやま", 22}, {"杉山", "すぎやま", 22}, {"村田", "むらた", 22},
        {"大塚", "おおつか", 21}, {"新井", "あらい", 21}, {"小山", "こやま", 21}, {"平野", "ひらの", 21},
        {"藤本", "ふじもと", 21}, {"河野", "こうの", 21}, {"上野", "うえの", 20}, {"野口", "のぐち", 20},
        {"武田", "たけだ", 20}, {"松井", "まつい", 20}, {"千葉", "ちば", 20}, {"岩崎", "いわさき", 20},
        {"菅原", "すがわら", 19}, {"木下", "きのした", 19}, {"久保", "くぼ", 19}, {"佐野", "さの", 19},
        {"野村", "のむら", 19}, {"松尾", "まつお", 19}, {"澤田", "さわだ", 12}, {"濱田", "はまだ", 12}};

    static final String[][] GIVEN = {{"太郎", "たろう"}, {"一郎", "いちろう"}, {"健", "けん"}, {"誠", "まこと"},
        {"大輔", "だいすけ"}, {"翔", "しょう"}, {"拓也", "たくや"}, {"直樹", "なおき"}, {"和也", "かずや"},
        {"健一", "けんいち"}, {"浩", "ひろし"}, {"隆", "たかし"}, {"修", "おさむ"}, {"伸", "しん"}, {"翔太", "しょうた"},
        {"蓮", "れん"}, {"大樹", "だいき"}, {"陽介", "ようすけ"}, {"亮", "りょう"}, {"慎也", "しんや"}, {"花子", "はなこ"},
        {"美咲", "みさき"}, {"由美", "ゆみ"}, {"恵", "めぐみ"}, {"陽子", "ようこ"}, {"直美", "なおみ"}, {"沙織", "さおり"},
        {"真理", "まり"}, {"さくら", "さくら"}, {"恵子", "けいこ"}, {"由紀", "ゆき"}, {"愛", "あい"}, {"彩", "あや"},
        {"舞", "まい"}, {"優子", "ゆうこ"}, {"智子", "ともこ"}, {"明美", "あけみ"}, {"久美子", "くみこ"}, {"純一", "じゅんいち"},
        {"雄一", "ゆういち"}};

    static final String[][] LATIN = {{"Emily", "Carter"}, {"James", "Wilson"}, {"Olivia", "Brown"}, {"David", "Chen"},
        {"Sarah", "Lee"}, {"John", "Smith"}, {"Li", "Wei"}, {"Anna", "Müller"}, {"Mark", "Davis"}, {"Laura", "Garcia"}};

    /** Name part of a company: display, romaji for the domain. */
    static final String[][] NAMES = {{"あおば", "aoba"}, {"みどり", "midori"}, {"ひかり", "hikari"}, {"北斗", "hokuto"},
        {"東雲", "shinonome"}, {"さくら", "sakura"}, {"大和", "yamato"}, {"富士", "fuji"}, {"若葉", "wakaba"},
        {"銀河", "ginga"}, {"昴", "subaru"}, {"明星", "myojo"}, {"旭", "asahi"}, {"双葉", "futaba"}, {"山王", "sanno"},
        {"東邦", "toho"}, {"南海", "nankai"}, {"北陸", "hokuriku"}, {"湘南", "shonan"}, {"瑞穂", "mizuho"},
        {"千代田", "chiyoda"}, {"日本橋", "nihonbashi"}, {"青山", "aoyama"}, {"白鳥", "hakucho"}, {"紅葉", "momiji"},
        {"葵", "aoi"}, {"常盤", "tokiwa"}, {"飛鳥", "asuka"}, {"天城", "amagi"}, {"浅間", "asama"}, {"立山", "tateyama"},
        {"穂高", "hotaka"}, {"黒潮", "kuroshio"}, {"光陽", "koyo"}, {"栄和", "eiwa"}, {"協和", "kyowa"}, {"共栄", "kyoei"},
        {"三和", "sanwa"}, {"大同", "daido"}, {"日進", "nisshin"}, {"東洋", "toyo"}, {"西海", "saikai"}, {"朝霧", "asagiri"},
        {"白樺", "shirakaba"}, {"若潮", "wakashio"}, {"青海", "seikai"}, {"緑川", "midorikawa"}, {"明和", "meiwa"}};

    /** Business part: display, romaji, whether the form comes first. */
    static final String[][] BUSINESSES = {{"商事", "shoji"}, {"銀行", "bank"}, {"システム", "sys"},
        {"システムズ", "systems"}, {"電機", "denki"}, {"電工", "denko"}, {"物産", "bussan"}, {"建設", "kensetsu"},
        {"工業", "kogyo"}, {"製作所", "seisakusho"}, {"ロジスティクス", "logistics"}, {"不動産", "fudosan"},
        {"保険", "hoken"}, {"証券", "shoken"}, {"化学", "kagaku"}, {"食品", "foods"}, {"印刷", "insatsu"},
        {"設計", "sekkei"}, {"コンサルティング", "consulting"}, {"ソフト", "soft"}};

    /** One organization. */
    record Org(String name, String display, String domain, String romaji) {
    }

    /** One person. */
    record Person(String address, String name, String reading, String family, String familyReading, Org org,
            String department) {

        boolean latin() {
            return reading.isEmpty();
        }
    }

    private static final Transliterator TO_LATIN = Transliterator.getInstance("Hiragana-Latin");
    private static final String[] DEPARTMENTS = {"営業部", "購買部", "総務部", "経理部", "技術部", "開発部", "法人営業部",
        "資材部", "品質保証部", "企画部"};

    final List<Org> organizations = new ArrayList<>();
    final List<Person> colleagues = new ArrayList<>();
    final List<Person> external = new ArrayList<>();
    final Org internal = new Org(INTERNAL_NAME, "エグザンプル", INTERNAL_DOMAIN, "example");
    private final Map<String, Person> byAddress = new LinkedHashMap<>();
    private final Random random;
    private final int totalWeight;

    CompanyDirectory(long seed) {
        this.random = new Random(seed);
        int total = 0;
        for (Object[] surname : SURNAMES) {
            total += (Integer) surname[2];
        }
        this.totalWeight = total;
        organizations();
        for (int i = 0; i < COLLEAGUES; i++) {
            colleagues.add(person(internal, DEPARTMENTS[i % DEPARTMENTS.length], false));
        }
        for (Org org : organizations) {
            for (int i = 0; i < PER_ORGANIZATION; i++) {
                external.add(person(org, DEPARTMENTS[random.nextInt(DEPARTMENTS.length)], random.nextInt(100) < 4));
            }
        }
    }

    private void organizations() {
        Set<String> used = new HashSet<>();
        // similar names on purpose: pairs of businesses under one name, every one of them known
        String[][] pairs = {{"電機", "電工"}, {"システム", "システムズ"}, {"商事", "物産"}, {"銀行", "証券"}};
        for (int i = 0; organizations.size() < ORGANIZATIONS; i++) {
            String[] name = NAMES[i % NAMES.length];
            String[] business;
            if (i < NAMES.length * 2) {
                String[] pair = pairs[(i % NAMES.length) % pairs.length];
                business = business(pair[i < NAMES.length ? 0 : 1]);
            } else {
                business = BUSINESSES[random.nextInt(BUSINESSES.length)];
            }
            String display = name[0] + business[0];
            if (!used.add(display)) {
                continue;
            }
            String romaji = name[1] + "-" + business[1];
            String suffix = business[1].equals("logistics") || business[1].equals("consulting") ? ".com" : ".co.jp";
            String full = random.nextBoolean() ? "株式会社" + display : display + "株式会社";
            organizations.add(new Org(full, display, romaji + suffix, romaji));
        }
    }

    private static String[] business(String display) {
        for (String[] business : BUSINESSES) {
            if (business[0].equals(display)) {
                return business;
            }
        }
        throw new IllegalArgumentException(display);
    }

    private Person person(Org org, String department, boolean latin) {
        if (latin) {
            String[] name = LATIN[random.nextInt(LATIN.length)];
            String local = (name[0] + "." + name[1]).toLowerCase().replace("ü", "u");
            return add(new Person(unique(local, org.domain()), name[0] + " " + name[1], "", name[1], "", org, department));
        }
        Object[] surname = surname();
        String[] given = GIVEN[random.nextInt(GIVEN.length)];
        String family = (String) surname[0];
        boolean variable = !variant(family).equals(family);
        if ((variable && random.nextInt(100) < 25) || family.startsWith("澤") || family.startsWith("濱")) {
            family = variant(family);
        }
        String local = romaji((String) surname[1]) + "." + romaji(given[1]);
        return add(new Person(unique(local, org.domain()), family + " " + given[0], surname[1] + " " + given[1], family,
                (String) surname[1], org, department));
    }

    private Object[] surname() {
        int pick = random.nextInt(totalWeight);
        for (Object[] surname : SURNAMES) {
            pick -= (Integer) surname[2];
            if (pick < 0) {
                return surname;
            }
        }
        return SURNAMES[0];
    }

    /** 高橋 → 髙橋, 山崎 → 山﨑, 斎藤 → 齋藤, 渡辺 → 渡邊 (the inverse of {@link VariantKanji#fold}). */
    static String variant(String family) {
        return family.replace("高", "髙").replace("崎", "﨑").replace("斎", "齋").replace("辺", "邊");
    }

    /** Passport-style Hepburn: さとう → sato, しん → shin. */
    static String romaji(String kana) {
        return TO_LATIN.transliterate(kana).replace("'", "").replace("ou", "o").replace("uu", "u").replace("oo", "o");
    }

    private String unique(String local, String domain) {
        String address = local + "@" + domain;
        for (int i = 2; byAddress.containsKey(address); i++) {
            address = local + i + "@" + domain;
        }
        return address;
    }

    private Person add(Person person) {
        byAddress.put(person.address(), person);
        return person;
    }

    /** The canonical CSV of the whole directory. */
    String csv() {
        StringBuilder csv = new StringBuilder("email,name,name_kana,organization,department\n");
        for (Person person : byAddress.values()) {
            csv.append(person.address()).append(',').append(person.name()).append(',').append(person.reading())
                    .append(',').append(person.org().name()).append(',').append(person.department()).append('\n');
        }
        return csv.toString();
    }

    int size() {
        return byAddress.size();
    }

    /** How many people carry this surname (variant kanji folded). */
    long withSurname(String family) {
        return byAddress.values().stream().filter(p -> VariantKanji.fold(p.family()).equals(family)).count();
    }

    /** How many people carry exactly this full name (variant kanji folded). */
    long withName(String name) {
        return byAddress.values().stream().filter(p -> VariantKanji.fold(p.name()).equals(VariantKanji.fold(name))).count();
    }

    Person at(String address) {
        return byAddress.get(address);
    }
}

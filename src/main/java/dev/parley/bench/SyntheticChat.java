package dev.parley.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import dev.parley.message.ChatType;
import dev.parley.message.Direction;
import dev.parley.message.MessageType;

/**
 * Deterministic synthetic chat traffic for tests and benchmarks: customer-service and community
 * group-buying chat in Chinese, mixed with English words, order numbers, emoji and punctuation, and
 * the odd Japanese or Korean line, full-width Latin, a CJK Extension B character or a line break. The
 * same settings and seed give the same messages; a million take a second or two.
 *
 * <p>Also picks search strings: substrings that occur in generated texts, random pairs of the
 * generator's characters (which may or may not occur), and strings that never occur.
 */
public final class SyntheticChat {
    private static final String[] GREETINGS = {"你好", "您好", "亲", "在吗", "老板", "客服", "哈喽", "早上好", "晚上好",
            "大家好", "hi", "Hello"};
    private static final String[] SUBJECTS = {"订单", "订单号", "快递", "物流", "包裹", "地址", "收货地址", "发票", "优惠券",
            "红包", "积分", "会员", "退款", "退货", "换货", "售后", "尺码", "颜色", "库存", "价格", "运费", "团长", "拼团",
            "链接", "活动", "秒杀", "预售", "赠品", "质量", "手机号", "收货人", "评价", "好评", "差评", "客服电话", "商品",
            "衣服", "鞋子", "水果", "面膜", "奶粉", "纸巾", "团购", "群主", "群公告", "接龙", "自提点", "小程序", "快递单号",
            "退款申请", "发货时间"};
    private static final String[] VERBS = {"申请", "发货", "退", "换", "取消", "修改", "查询", "确认", "收到", "签收", "补发",
            "联系", "处理", "帮忙看一下", "催一下", "下单", "付款", "支付", "领取", "使用", "报名", "参加", "转发", "分享",
            "备注", "核对"};
    private static final String[] CANNED = {"好的", "收到", "谢谢", "嗯嗯", "稍等", "马上处理", "哈哈哈", "哈哈哈哈", "好的亲",
            "ok的", "👍", "没问题", "在的", "辛苦了", "哈哈", "谢谢团长", "已付款", "已发货", "ＯＫ", "ＶＩＰ会员",
            "ありがとう", "アリガトウ", "ｱﾘｶﾞﾄｳ", "すみません", "ラーメン", "らーめん", "감사합니다", "ㅋㅋㅋ", "안녕하세요",
            "𠮷野家外卖", "𠀀字", "好的\n明天见"};
    private static final String[] TEMPLATES = {"{G}，我想{V}{S}", "{S}什么时候{V}？", "我的{S}还没{V}", "订单号{N}，麻烦{V}",
            "{S}已经{V}了，请{V}", "请问{S}可以{V}吗", "{S}{V}不了{E}", "@{P} {S}到了吗", "{P}：{S}{V}好了", "{G}{E}",
            "今天{S}有{N}件", "{S}多少钱？{N}元可以吗", "明天{N}点{V}{S}", "团长，{S}{V}了吗？", "大家{V}一下{S}，谢谢{E}",
            "Order {N} {W}", "{W} please, {S}", "can you {W} my {S}?", "tracking number SF{N}", "coupon code SAVE{N}",
            "{S}{S}{V}", "{V}{S}\n{S}", "{S} {W}", "{C}"};
    private static final String[] ENGLISH = {"refund", "Refund", "REFUND", "shipping", "order", "coupon", "thanks",
            "please", "ok", "OK", "cancel", "address", "invoice", "delivery", "VIP", "sale", "discount", "help",
            "price"};
    private static final String[] EMOJI = {"😂", "👍", "🙏", "❤️", "🎉", "😊", "🤔", "👌🏻", "😭", "🔥"};
    private static final String[] JOINERS = {"，", "。", "！", "？", "～", "…", "、", " ", "!", "?", "\n"};
    private static final String[] NAMES = {"小王", "李姐", "阿美", "张三", "团长-小红", "Amy", "王老师", "开心果", "客服小李",
            "吴先生", "陈阿姨", "Kevin", "小鱼儿", "老刘", "周周", "晴天", "木子李", "大胖", "Lily", "赵总"};
    private static final String[] LINK_TITLES = {"【{S}】{S}限时{N}折", "{S}攻略：{V}{S}", "今日{S}清单"};
    private static final String[] FILE_NAMES = {"{S}清单{N}.xlsx", "{S}说明.pdf", "报价单{N}.docx"};
    private static final String[] SYSTEM_NOTICES = {"\"{P}\"邀请\"{P}\"加入了群聊", "\"{P}\"修改群名为\"{S}群\"",
            "你已添加了{P}，现在可以开始聊天了"};
    private static final String RED_PACKET = "[红包]恭喜发财，大吉大利";
    private static final int MIN_LENGTH = 2;
    private static final int MAX_LENGTH = 80;
    /** Every character the generator can write, so absent strings can be made of others. */
    private static final Set<Integer> ALPHABET = alphabet();
    private static final int[] HAN_ALPHABET = ALPHABET.stream()
            .filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN && c < 0x10000)
            .mapToInt(Integer::intValue).sorted().toArray();

    private final long seed;
    private final int accounts;
    private final int chatsPerAccount;
    private final int senders;
    private final long startMillis;
    private final long spanMillis;

    private SyntheticChat(Builder builder) {
        this.seed = builder.seed;
        this.accounts = builder.accounts;
        this.chatsPerAccount = builder.chatsPerAccount;
        this.senders = builder.senders;
        this.startMillis = builder.start.toEpochMilli();
        this.spanMillis = builder.span.toMillis();
    }

    /** @return a builder: seed 42, 3 accounts, 40 chats each, 300 senders, 90 days from 2025-01-01 */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param count how many messages
     * @return the messages, spread evenly over the time span; a fresh, identical sequence each call
     */
    public Stream<SyntheticMessage> messages(long count) {
        Spliterator<SyntheticMessage> split = Spliterators.spliterator(iterator(count), count,
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE);
        return StreamSupport.stream(split, false);
    }

    /**
     * @param count how many messages
     * @return an iterator over the same messages as {@link #messages(long)}
     */
    public Iterator<SyntheticMessage> iterator(long count) {
        Random random = new Random(seed);
        return new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public SyntheticMessage next() {
                if (next >= count) {
                    throw new NoSuchElementException();
                }
                return message(random, next++, count);
            }
        };
    }

    private SyntheticMessage message(Random random, long index, long count) {
        int account = random.nextInt(accounts);
        int chat = random.nextInt(chatsPerAccount);
        boolean group = chat % 10 < 7;
        String chatId = group
                ? (10_000_000_000L + account * 1_000L + chat) + "@chatroom"
                : "wxid_c" + account + "_" + chat;
        Direction direction = random.nextInt(5) == 0 ? Direction.OUT : Direction.IN;
        int sender = group ? random.nextInt(senders) : account * 1_000 + chat;
        String senderId = direction == Direction.OUT ? "wxid_self" + account : "wxid_u" + sender;
        String senderName = direction == Direction.OUT ? "客服" + account : NAMES[sender % NAMES.length];
        MessageType type = type(random);
        long sentAt = startMillis + (long) ((double) spanMillis * index / Math.max(1, count))
                + random.nextInt(600_000) - 300_000;
        ChatType chatType = group ? ChatType.GROUP : ChatType.PRIVATE;
        return new SyntheticMessage(account, "syn" + seed + "-" + index, chatId, chatType, senderId, senderName,
                direction, type, text(random, type), sentAt);
    }

    private static MessageType type(Random random) {
        int roll = random.nextInt(100);
        if (roll < 78) {
            return MessageType.TEXT;
        }
        MessageType[] others = {MessageType.IMAGE, MessageType.IMAGE, MessageType.IMAGE, MessageType.VOICE,
                MessageType.EMOJI, MessageType.LINK, MessageType.LINK, MessageType.FILE, MessageType.QUOTE,
                MessageType.QUOTE, MessageType.SYSTEM, MessageType.APP};
        return others[(roll - 78) % others.length];
    }

    private static String text(Random random, MessageType type) {
        return switch (type) {
            case IMAGE, VOICE, EMOJI -> null;
            case LINK -> fill(random, pick(random, LINK_TITLES));
            case FILE -> fill(random, pick(random, FILE_NAMES));
            case SYSTEM -> fill(random, pick(random, SYSTEM_NOTICES));
            case APP -> RED_PACKET;
            default -> chatLine(random);
        };
    }

    private static String chatLine(Random random) {
        StringBuilder line = new StringBuilder(fill(random, pick(random, TEMPLATES)));
        int more = random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0;
        for (int i = 0; i < more; i++) {
            line.append(pick(random, JOINERS)).append(fill(random, pick(random, TEMPLATES)));
        }
        if (random.nextInt(6) == 0) {
            line.append(pick(random, JOINERS));
        }
        String text = line.toString();
        int length = text.codePointCount(0, text.length());
        if (length > MAX_LENGTH) {
            text = text.substring(0, text.offsetByCodePoints(0, MAX_LENGTH));
        } else if (length < MIN_LENGTH) {
            text = text + pick(random, CANNED);
        }
        return text;
    }

    private static String fill(Random random, String template) {
        StringBuilder out = new StringBuilder(template.length() * 2);
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{' && i + 2 < template.length() && template.charAt(i + 2) == '}') {
                out.append(slot(random, template.charAt(i + 1)));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String slot(Random random, char kind) {
        return switch (kind) {
            case 'G' -> pick(random, GREETINGS);
            case 'S' -> pick(random, SUBJECTS);
            case 'V' -> pick(random, VERBS);
            case 'N' -> Integer.toString(random.nextInt(4) == 0
                    ? random.nextInt(100)
                    : 100_000 + random.nextInt(900_000));
            case 'E' -> pick(random, EMOJI);
            case 'W' -> pick(random, ENGLISH);
            case 'P' -> pick(random, NAMES);
            case 'C' -> pick(random, CANNED);
            default -> throw new IllegalArgumentException("unknown slot {" + kind + "}");
        };
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    /**
     * @param codePoint a character
     * @return whether it is a CJK letter: a letter of the Han, Hiragana, Katakana or Hangul script
     */
    public static boolean isCjkLetter(int codePoint) {
        if (!Character.isLetter(codePoint)) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }

    /**
     * @param text a text, may be {@code null}
     * @return its maximal runs of adjacent CJK letters
     */
    public static List<String> cjkRuns(String text) {
        List<String> runs = new ArrayList<>();
        if (text == null) {
            return runs;
        }
        int start = -1;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            boolean cjk = isCjkLetter(text.codePointAt(i));
            if (cjk && start < 0) {
                start = i;
            } else if (!cjk && start >= 0) {
                runs.add(text.substring(start, i));
                start = -1;
            }
        }
        if (start >= 0) {
            runs.add(text.substring(start));
        }
        return runs;
    }

    /**
     * Picks substrings of CJK runs that occur in the given texts.
     *
     * @param texts     texts to pick from (e.g. generated ones)
     * @param count     how many distinct substrings to return at most
     * @param minLength shortest, in characters
     * @param maxLength longest, in characters
     * @param random    the source of randomness
     * @return distinct substrings, each occurring in at least one text
     */
    public static List<String> occurringSubstrings(List<String> texts, int count, int minLength, int maxLength,
                                                   Random random) {
        Set<String> picked = new LinkedHashSet<>();
        for (int attempt = 0; attempt < count * 50 && picked.size() < count && !texts.isEmpty(); attempt++) {
            List<String> runs = cjkRuns(texts.get(random.nextInt(texts.size())));
            if (runs.isEmpty()) {
                continue;
            }
            String run = runs.get(random.nextInt(runs.size()));
            int runLength = run.codePointCount(0, run.length());
            if (runLength < minLength) {
                continue;
            }
            int length = minLength + random.nextInt(Math.min(maxLength, runLength) - minLength + 1);
            int from = random.nextInt(runLength - length + 1);
            int start = run.offsetByCodePoints(0, from);
            picked.add(run.substring(start, run.offsetByCodePoints(start, length)));
        }
        return new ArrayList<>(picked);
    }

    /**
     * @param random the source of randomness
     * @return two Han characters the generator uses, side by side; they may or may not occur so
     */
    public static String randomPair(Random random) {
        return Character.toString(HAN_ALPHABET[random.nextInt(HAN_ALPHABET.length)])
                + Character.toString(HAN_ALPHABET[random.nextInt(HAN_ALPHABET.length)]);
    }

    /**
     * @param length characters
     * @param random the source of randomness
     * @return Han characters the generator never writes, so the string occurs in no generated text
     */
    public static String absentString(int length, Random random) {
        StringBuilder out = new StringBuilder();
        while (out.length() < length) {
            int c = 0x4E00 + random.nextInt(0x9FA5 - 0x4E00 + 1);
            if (!ALPHABET.contains(c)) {
                out.appendCodePoint(c);
            }
        }
        return out.toString();
    }

    private static Set<Integer> alphabet() {
        Set<Integer> all = new HashSet<>();
        for (String[] words : List.of(GREETINGS, SUBJECTS, VERBS, CANNED, TEMPLATES, ENGLISH, EMOJI, JOINERS, NAMES,
                LINK_TITLES, FILE_NAMES, SYSTEM_NOTICES, new String[] {RED_PACKET})) {
            for (String word : words) {
                word.codePoints().forEach(all::add);
            }
        }
        return Set.copyOf(all);
    }

    /** Settings of a {@link SyntheticChat}. */
    public static final class Builder {
        private long seed = 42;
        private int accounts = 3;
        private int chatsPerAccount = 40;
        private int senders = 300;
        private Instant start = Instant.parse("2025-01-01T00:00:00Z");
        private Duration span = Duration.ofDays(90);

        private Builder() {
        }

        /**
         * @param value the random seed
         * @return this
         */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * @param count managed accounts, at least 1
         * @return this
         */
        public Builder accounts(int count) {
            this.accounts = positive(count, "accounts");
            return this;
        }

        /**
         * @param count chats per account, at least 1 (seven in ten are groups)
         * @return this
         */
        public Builder chatsPerAccount(int count) {
            this.chatsPerAccount = positive(count, "chats per account");
            return this;
        }

        /**
         * @param count distinct group members, at least 1
         * @return this
         */
        public Builder senders(int count) {
            this.senders = positive(count, "senders");
            return this;
        }

        /**
         * @param from when the first message is sent
         * @param length how long the traffic lasts
         * @return this
         */
        public Builder timeSpan(Instant from, Duration length) {
            this.start = from;
            this.span = length;
            return this;
        }

        /** @return the generator */
        public SyntheticChat build() {
            return new SyntheticChat(this);
        }

        private static int positive(int count, String what) {
            if (count < 1) {
                throw new IllegalArgumentException(what + " must be at least 1, not " + count);
            }
            return count;
        }
    }
}

package cn.jianbao.web;

/**
 * A validated page of a list: {@code page} from 0, {@code size} 1–100, and never beyond a window
 * a person could page through. Every list endpoint takes its paging through here, so out-of-range
 * values are a 400 with a message, never an overflow deeper down.
 */
public record Paging(int page, int size) {

    public static final int MAX_SIZE = 100;
    public static final int MAX_WINDOW = 10_000;

    public static Paging of(Integer page, Integer size, int defaultSize) {
        int p = page == null ? 0 : page;
        int s = size == null ? defaultSize : size;
        if (p < 0 || s < 1 || s > MAX_SIZE) {
            throw new BadRequestException("page", "分页参数不正确：page 从 0 开始，size 为 1–" + MAX_SIZE + "。");
        }
        if ((long) p * s + s > MAX_WINDOW) {
            throw new BadRequestException("page", "最多可翻看前" + MAX_WINDOW + "条，请缩小范围后再查。");
        }
        return new Paging(p, s);
    }

    public int offset() {
        return page * size;
    }
}

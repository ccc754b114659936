package org.openlearning.video.transcode;

import java.util.ArrayList;
import java.util.List;

/**
 * The HLS ladder: 360p, 720p and 1080p, never above the source. The rung is the short side, so a
 * portrait video gets the same quality steps as a landscape one; the long side keeps the aspect.
 */
public final class Ladder {

    private record Rung(int shortSide, int crf, int maxrateK) {
    }

    private static final List<Rung> RUNGS = List.of(new Rung(360, 23, 900), new Rung(720, 23, 3000),
            new Rung(1080, 23, 6000));

    private Ladder() {
    }

    /** The renditions of a source of this displayed size (sample aspect ratio already applied). */
    public static List<Rendition> forSource(int displayWidth, int displayHeight) {
        int shortSide = Math.min(displayWidth, displayHeight);
        List<Rendition> ladder = new ArrayList<>();
        for (Rung rung : RUNGS) {
            if (rung.shortSide() <= shortSide) {
                ladder.add(rendition(displayWidth, displayHeight, rung.shortSide(), rung.crf(), rung.maxrateK()));
            }
        }
        if (ladder.isEmpty()) {
            // Between the smallest accepted size and 360p: one rendition at the source's own size.
            int side = shortSide - shortSide % 2;
            ladder.add(rendition(displayWidth, displayHeight, side, 23, 600));
        }
        return ladder;
    }

    private static Rendition rendition(int width, int height, int shortSide, int crf, int maxrateK) {
        boolean landscape = width >= height;
        int longSide = even((double) Math.max(width, height) * shortSide / Math.min(width, height));
        return landscape
                ? new Rendition(shortSide + "p", longSide, shortSide, crf, maxrateK)
                : new Rendition(shortSide + "p", shortSide, longSide, crf, maxrateK);
    }

    private static int even(double value) {
        return (int) Math.round(value / 2) * 2;
    }
}

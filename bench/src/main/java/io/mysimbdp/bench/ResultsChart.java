package io.mysimbdp.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** results.png: the figures as bars, grouped by what they compare, with the targets' verdicts below. */
final class ResultsChart {
    static final int WIDTH = 1000;
    static final int BAR_HEIGHT = 22;
    static final int LABEL_WIDTH = 330;
    static final int MARGIN = 20;

    /** One panel: bars of the same unit. */
    record Panel(String title, String unit, List<Map.Entry<String, Double>> bars) {
    }

    private ResultsChart() {
    }

    static void write(Path file, String subtitle, List<Panel> panels, List<Targets.Verdict> verdicts) throws IOException {
        int height = MARGIN * 3 + 30;
        for (Panel p : panels) {
            height += 30 + p.bars().size() * (BAR_HEIGHT + 6) + 10;
        }
        height += 24 + verdicts.size() * 18 + MARGIN;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            int y = MARGIN + 18;
            g.drawString("mysimbdp make bench", MARGIN, y);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            y += 20;
            g.drawString(subtitle, MARGIN, y);
            y += 16;
            for (Panel p : panels) {
                y = panel(g, p, y + 14);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            y += 20;
            g.drawString("Targets", MARGIN, y);
            g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 12));
            for (Targets.Verdict v : verdicts) {
                y += 18;
                g.setColor(v.met() ? new Color(0, 120, 0) : new Color(180, 0, 0));
                g.drawString(v.toString(), MARGIN, y);
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static int panel(Graphics2D g, Panel p, int top) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(p.title() + " (" + p.unit() + ")", MARGIN, top);
        double max = p.bars().stream().mapToDouble(e -> finite(e.getValue())).max().orElse(1);
        int barSpace = WIDTH - LABEL_WIDTH - MARGIN * 2 - 110;
        int y = top + 10;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        Color[] colors = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(148, 103, 189)};
        int i = 0;
        for (Map.Entry<String, Double> bar : p.bars()) {
            double value = finite(bar.getValue());
            int w = max <= 0 ? 0 : (int) Math.round(value / max * barSpace);
            g.setColor(Color.DARK_GRAY);
            g.drawString(bar.getKey(), MARGIN, y + BAR_HEIGHT - 6);
            g.setColor(colors[i++ % colors.length]);
            g.fillRect(MARGIN + LABEL_WIDTH, y, Math.max(1, w), BAR_HEIGHT);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1));
            g.drawString(String.format(Locale.ROOT, "%,.1f", value), MARGIN + LABEL_WIDTH + w + 6, y + BAR_HEIGHT - 6);
            y += BAR_HEIGHT + 6;
        }
        return y + 10;
    }

    private static double finite(Double v) {
        return v == null || !Double.isFinite(v) ? 0 : v;
    }
}

using System.Globalization;
using System.Text;

namespace PhoneGroups.Load;

/// <summary>
/// The post-dial delay distribution of a run as a small SVG (no library, no download): one panel per
/// concurrency, the cumulative share of calls bridged within x ms, dialplan against controller.
/// </summary>
public static class PddPlot
{
    private const int PanelWidth = 420;
    private const int PanelHeight = 260;
    private const int Left = 50;
    private const int Top = 40;
    private const int Bottom = 40;
    private static readonly Dictionary<string, string> Colors = new(StringComparer.Ordinal) { ["dialplan"] = "#1f77b4", ["controller"] = "#d62728" };

    /// <summary>The SVG for <paramref name="series"/> (path, concurrency, every delay in ms); <paramref name="title"/> goes on top.</summary>
    public static string Svg(IReadOnlyList<(string Path, int Concurrency, IReadOnlyList<double> Delays)> series, string title)
    {
        ArgumentNullException.ThrowIfNull(series);
        var concurrencies = series.Select(s => s.Concurrency).Distinct().Order().ToList();
        var width = Left + (concurrencies.Count * (PanelWidth + Left));
        var height = Top + PanelHeight + Bottom + 20;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<rect width="{width}" height="{height}" fill="white"/>""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left}" y="20" font-size="14">{Escape(title)}</text>""").Append('\n');
        for (var panel = 0; panel < concurrencies.Count; panel++)
        {
            var concurrency = concurrencies[panel];
            var x0 = Left + (panel * (PanelWidth + Left));
            var inPanel = series.Where(s => s.Concurrency == concurrency && s.Delays.Count > 0).ToList();
            // The x axis ends at the largest p99.5 of the panel: the last half percent would squash the rest.
            var xMax = Math.Max(1, inPanel.Select(s => Quantile(s.Delays.Order().ToArray(), 0.995)).DefaultIfEmpty(1).Max());
            xMax = NiceCeiling(xMax);
            Axes(svg, x0, xMax, concurrency);
            foreach (var (path, _, delays) in inPanel)
            {
                var sorted = delays.Order().ToArray();
                var points = new StringBuilder();
                for (var i = 0; i < sorted.Length; i++)
                {
                    var x = x0 + (Math.Min(sorted[i], xMax) / xMax * PanelWidth);
                    var y = Top + PanelHeight - ((i + 1) / (double)sorted.Length * PanelHeight);
                    points.Append(CultureInfo.InvariantCulture, $"{x:F1},{y:F1} ");
                }

                var color = Colors.GetValueOrDefault(path, "#555555");
                svg.Append(CultureInfo.InvariantCulture, $"""<polyline fill="none" stroke="{color}" stroke-width="1.5" points="{points.ToString().TrimEnd()}"/>""").Append('\n');
                // Bottom right: the curves rise on the left, so that corner stays empty.
                var legendY = Top + PanelHeight - 30 + (Array.IndexOf(["dialplan", "controller"], path) * 16);
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x0 + PanelWidth - 8}" y="{legendY}" text-anchor="end" fill="{color}">{Escape(path)}: p50 {Quantile(sorted, 0.5):F1} ms, p99 {Quantile(sorted, 0.99):F1} ms</text>""").Append('\n');
            }
        }

        return svg.Append("</svg>\n").ToString();
    }

    private static void Axes(StringBuilder svg, int x0, double xMax, int concurrency)
    {
        var yBase = Top + PanelHeight;
        svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{x0}" y="{Top}" width="{PanelWidth}" height="{PanelHeight}" fill="none" stroke="#999"/>""").Append('\n');
        for (var i = 0; i <= 4; i++)
        {
            var share = i / 4.0;
            var y = yBase - (share * PanelHeight);
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{x0}" y1="{y:F1}" x2="{x0 + PanelWidth}" y2="{y:F1}" stroke="#eee"/><text x="{x0 - 6}" y="{y + 4:F1}" text-anchor="end">{share * 100:0}%</text>""").Append('\n');
            var ms = xMax * i / 4;
            var x = x0 + (i / 4.0 * PanelWidth);
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x:F1}" y="{yBase + 16}" text-anchor="middle">{ms:0.#}</text>""").Append('\n');
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x0 + (PanelWidth / 2)}" y="{yBase + 34}" text-anchor="middle">post-dial delay (ms), concurrency {concurrency}: share of calls bridged within</text>""").Append('\n');
    }

    // Nearest rank, as the JSON lines use.
    private static double Quantile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double NiceCeiling(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (value <= step * magnitude)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}

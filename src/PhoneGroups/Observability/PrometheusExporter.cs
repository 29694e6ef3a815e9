using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace PhoneGroups.Observability;

/// <summary>
/// Collects the measurements of the PhoneGroups meters and renders them in the Prometheus text format
/// (0.0.4): counters as <c>_total</c>, histograms as <c>_bucket</c>/<c>_sum</c>/<c>_count</c>, gauges as
/// read at scrape time. Names: dots become underscores, the unit is appended (<c>_seconds</c>).
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    /// <summary>Histogram bucket bounds in seconds: decisions take microseconds, ARI requests milliseconds.</summary>
    private static readonly double[] Bounds = [0.00001, 0.0001, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, Series> _series = new();
    private readonly ConcurrentDictionary<string, Instrument> _instruments = new();
    private readonly HashSet<string> _meters;

    public PrometheusExporter(params string[] meterNames)
    {
        _meters = [.. meterNames];
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (_meters.Contains(instrument.Meter.Name))
            {
                _instruments[NameOf(instrument)] = instrument;
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The text a Prometheus scrape gets.</summary>
    public string Render()
    {
        // Gauges are read now; their callbacks replace the last values.
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (var group in _series.Values.GroupBy(s => s.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = group.First();
            var type = first.Kind switch { SeriesKind.Counter => "counter", SeriesKind.Histogram => "histogram", _ => "gauge" };
            var help = _instruments.TryGetValue(first.Name, out var instrument) ? instrument.Description : null;
            text.Append("# HELP ").Append(first.Name).Append(' ').Append(Escape(help ?? first.Name)).Append('\n');
            text.Append("# TYPE ").Append(first.Name).Append(' ').Append(type).Append('\n');
            foreach (var series in group.OrderBy(s => s.Labels, StringComparer.Ordinal))
            {
                series.WriteTo(text);
            }
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = Labels(tags);
        var kind = instrument switch
        {
            Histogram<double> or Histogram<long> or Histogram<int> => SeriesKind.Histogram,
            Counter<long> or Counter<int> or Counter<double> or ObservableCounter<long> or ObservableCounter<double> => SeriesKind.Counter,
            _ => SeriesKind.Gauge,
        };
        var name = NameOf(instrument);
        var series = _series.GetOrAdd(name + "{" + labels + "}", _ => new Series(name, labels, kind));
        series.Add(value, instrument is ObservableGauge<int> or ObservableGauge<long> or ObservableGauge<double> or ObservableUpDownCounter<long> or ObservableUpDownCounter<int>);
    }

    /// <summary><c>phonegroups.decision.duration</c> with unit s → <c>phonegroups_decision_duration_seconds</c>; counters end in <c>_total</c>.</summary>
    private static string NameOf(Instrument instrument)
    {
        var name = instrument.Name.Replace('.', '_').Replace('-', '_');
        if (instrument.Unit == "s")
        {
            name += "_seconds";
        }

        return instrument is Counter<long> or Counter<int> or Counter<double> ? name + "_total" : name;
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return string.Empty;
        }

        var pairs = new List<string>(tags.Length);
        foreach (var tag in tags)
        {
            pairs.Add($"{tag.Key.Replace('.', '_')}=\"{Escape(Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? string.Empty)}\"");
        }

        pairs.Sort(StringComparer.Ordinal);
        return string.Join(',', pairs);
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private enum SeriesKind
    {
        Counter,
        Gauge,
        Histogram,
    }

    /// <summary>One metric with one set of labels.</summary>
    private sealed class Series(string name, string labels, SeriesKind kind)
    {
        private readonly Lock _gate = new();
        private readonly long[] _buckets = new long[Bounds.Length];
        private double _value;
        private double _sum;
        private long _count;

        public string Name { get; } = name;

        public string Labels { get; } = labels;

        public SeriesKind Kind { get; } = kind;

        public void Add(double value, bool replaces)
        {
            lock (_gate)
            {
                if (Kind == SeriesKind.Histogram)
                {
                    _sum += value;
                    _count++;
                    for (var i = 0; i < Bounds.Length; i++)
                    {
                        if (value <= Bounds[i])
                        {
                            _buckets[i]++;
                        }
                    }
                }
                else
                {
                    _value = replaces ? value : _value + value;
                }
            }
        }

        public void WriteTo(StringBuilder text)
        {
            lock (_gate)
            {
                if (Kind != SeriesKind.Histogram)
                {
                    text.Append(Name).Append(Braced(Labels)).Append(' ').Append(Number(_value)).Append('\n');
                    return;
                }

                for (var i = 0; i < Bounds.Length; i++)
                {
                    text.Append(Name).Append("_bucket").Append(Braced(With(Labels, $"le=\"{Number(Bounds[i])}\""))).Append(' ').Append(_buckets[i]).Append('\n');
                }

                text.Append(Name).Append("_bucket").Append(Braced(With(Labels, "le=\"+Inf\""))).Append(' ').Append(_count).Append('\n');
                text.Append(Name).Append("_sum").Append(Braced(Labels)).Append(' ').Append(Number(_sum)).Append('\n');
                text.Append(Name).Append("_count").Append(Braced(Labels)).Append(' ').Append(_count).Append('\n');
            }
        }

        private static string With(string labels, string extra) => labels.Length == 0 ? extra : labels + "," + extra;

        private static string Braced(string labels) => labels.Length == 0 ? string.Empty : "{" + labels + "}";

        private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}

using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace PhoneGroups.Load;

/// <summary>
/// Every garbage-collection pause of another .NET process (the controller), read over EventPipe: the time
/// from the runtime suspending its threads (GCSuspendEEBegin) to resuming them (GCRestartEEEnd); and the
/// managed heap's size after each collection (GCHeapStats), which tells a leak (the heap grows) from the GC
/// or native code keeping more memory (RSS grows, the heap does not).
/// </summary>
public sealed class GcPauseMonitor : IDisposable
{
    private readonly EventPipeSession _session;
    private readonly EventPipeEventSource _source;
    private readonly Task _processing;
    private readonly List<double> _pauses = [];
    private double? _suspendedAt;
    private long _heapBytes;
    private long _oldGenerationBytes;

    public GcPauseMonitor(int processId)
    {
        var provider = new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, (long)ClrTraceEventParser.Keywords.GC);
        _session = new DiagnosticsClient(processId).StartEventPipeSession(provider, requestRundown: false);
        _source = new EventPipeEventSource(_session.EventStream);
        _source.Clr.GCSuspendEEStart += e => _suspendedAt = e.TimeStampRelativeMSec;
        _source.Clr.GCRestartEEStop += e =>
        {
            if (_suspendedAt is { } suspended)
            {
                lock (_pauses)
                {
                    _pauses.Add(e.TimeStampRelativeMSec - suspended);
                }

                _suspendedAt = null;
            }
        };
        _source.Clr.GCHeapStats += e =>
        {
            Interlocked.Exchange(ref _heapBytes, e.TotalHeapSize);
            Interlocked.Exchange(ref _oldGenerationBytes, e.GenerationSize2 + e.GenerationSize3 + e.GenerationSize4);
        };
        _processing = Task.Run(() => _source.Process());
    }

    /// <summary>The pauses (ms) since the last call.</summary>
    public double[] TakePauses()
    {
        lock (_pauses)
        {
            var taken = _pauses.ToArray();
            _pauses.Clear();
            return taken;
        }
    }

    /// <summary>The managed heap (all generations) after the last collection, in bytes; 0 before the first.</summary>
    public long HeapBytes => Interlocked.Read(ref _heapBytes);

    /// <summary>Gen 2, the large- and the pinned-object heap after the last collection: where a leak stays.</summary>
    public long OldGenerationBytes => Interlocked.Read(ref _oldGenerationBytes);

    public void Dispose()
    {
        _session.Stop();
        _processing.Wait(TimeSpan.FromSeconds(5));
        _source.Dispose();
        _session.Dispose();
    }
}

using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PhoneGroups.Documents;
using PhoneGroups.Hosting;
using PhoneGroups.Policy;
using PhoneGroups.Policy.Compilation;
using PhoneGroups.Policy.Loading;
using PhoneGroups.Store;

namespace PhoneGroups.PolicyReload;

/// <summary>
/// Puts a revision in force: compiles it, adds the discovered extensions (phones Asterisk has that the policy
/// does not list) as extensions of the default group, and swaps the result into <see cref="PolicyStore"/>,
/// which is where calls read the policy. Calls therefore need no change to see revisions or discovered phones.
/// </summary>
internal sealed partial class PolicyPublisher
{
    private readonly Lock _gate = new();
    private readonly ILogger _logger;
    private PolicyRevision _revision;
    private IReadOnlySet<string> _discovered = new HashSet<string>(StringComparer.Ordinal);
    private IReadOnlySet<string> _discoveredInForce = new HashSet<string>(StringComparer.Ordinal);
    private long _discoveryGeneration;

    /// <summary>Starts with <paramref name="initial"/> in force.</summary>
    /// <exception cref="PolicyRejectedException">The revision does not load.</exception>
    public PolicyPublisher(PolicyRevision initial, ILogger logger)
    {
        _logger = logger;
        var loaded = PolicyLoader.LoadText(initial.Document, SourceName(initial));
        if (!loaded.Success)
        {
            throw new PolicyRejectedException(loaded.Errors);
        }

        _revision = initial;
        Store = new PolicyStore(loaded.Policy);
    }

    /// <summary>After each attempt to put a revision in force: whether it was accepted (for metrics).</summary>
    public event Action<bool>? Published;

    /// <summary>The policy in force, for calls.</summary>
    public PolicyStore Store { get; }

    /// <summary>The revision in force.</summary>
    public PolicyRevision Revision
    {
        get
        {
            lock (_gate)
            {
                return _revision;
            }
        }
    }

    /// <summary>Whether <paramref name="number"/> is in force only because Asterisk has a phone by that name.</summary>
    public bool IsDiscovered(string number)
    {
        lock (_gate)
        {
            return _discoveredInForce.Contains(number);
        }
    }

    /// <summary>
    /// Puts <paramref name="revision"/> in force. Returns the load result, or null when a newer revision already is
    /// in force. <paramref name="validated"/> is the revision's document already loaded (by the API, which had to
    /// validate it): on a large policy that saves compiling it a second time.
    /// </summary>
    public PolicyLoadResult? Publish(PolicyRevision revision, PolicyLoadResult? validated = null)
    {
        ArgumentNullException.ThrowIfNull(revision);
        lock (_gate)
        {
            if (revision.Id != 0 && revision.Id < _revision.Id)
            {
                return null;
            }

            var result = Compile(revision, _discovered, validated);
            Published?.Invoke(result.Success);
            if (result.Success)
            {
                _revision = revision;
                LogPublished(_logger, revision.Id, revision.Author, revision.Summary, result.Policy.Groups.Count, result.Policy.Extensions.Count, _discoveredInForce.Count);
            }
            else
            {
                LogRejected(_logger, SourceName(revision), result.Errors.Count, string.Join(Environment.NewLine, result.Errors));
            }

            return result;
        }
    }

    /// <summary>
    /// Read before a discovery scan lists Asterisk's endpoints and handed back with its result: a scan that began
    /// before <see cref="ForgetDiscovered"/> may still have seen the forgotten phones.
    /// </summary>
    public long DiscoveryGeneration
    {
        get
        {
            lock (_gate)
            {
                return _discoveryGeneration;
            }
        }
    }

    /// <summary>
    /// The phones Asterisk has now (their extension numbers), from a scan begun at <paramref name="scanGeneration"/>;
    /// recompiles when they changed. The result of a scan older than the last <see cref="ForgetDiscovered"/> is
    /// dropped: the next scan will tell.
    /// </summary>
    public void SetDiscovered(IReadOnlyCollection<string> numbers, long scanGeneration)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        lock (_gate)
        {
            if (scanGeneration != _discoveryGeneration)
            {
                return;
            }

            var set = new HashSet<string>(numbers, StringComparer.Ordinal);
            if (set.SetEquals(_discovered))
            {
                return;
            }

            _discovered = set;
            Compile(_revision, set, null);
        }
    }

    /// <summary>
    /// Phones known now to be gone from Asterisk (the orphan cleanup checked), dropped from the last discovery scan
    /// without waiting for the next: otherwise deleting them from the policy would bring them straight back as
    /// phones of the default group. Nothing is recompiled: a phone the policy lists is not in force as discovered.
    /// </summary>
    public void ForgetDiscovered(IEnumerable<string> numbers)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        lock (_gate)
        {
            var remaining = new HashSet<string>(_discovered, StringComparer.Ordinal);
            remaining.ExceptWith(numbers);
            _discovered = remaining;
            _discoveryGeneration++;
        }
    }

    /// <summary>Compiles and, when valid, puts in force. Caller holds the lock.</summary>
    private PolicyLoadResult Compile(PolicyRevision revision, IReadOnlySet<string> discovered, PolicyLoadResult? validated)
    {
        var plain = validated is { Success: true } ? validated : PolicyLoader.LoadText(revision.Document, SourceName(revision));
        if (!plain.Success)
        {
            return plain;
        }

        var added = discovered.Where(n => Belongs(plain.Policy, n)).Order(StringComparer.Ordinal).ToList();
        var result = plain;
        if (added.Count > 0)
        {
            var withDiscovered = PolicyLoader.LoadText(WithExtensions(revision.Document, added), SourceName(revision) + " + discovered");
            if (withDiscovered.Success)
            {
                result = withDiscovered;
            }
            else
            {
                // Never lose the revision because of a phone: put it in force without the discovered ones.
                LogDiscoveredRejected(_logger, string.Join(Environment.NewLine, withDiscovered.Errors));
                added.Clear();
            }
        }

        Store.Replace(result.Policy!);
        _discoveredInForce = new HashSet<string>(added, StringComparer.Ordinal);
        return result;
    }

    /// <summary>A discovered phone joins only a policy with a default group, and only when nothing already claims its number.</summary>
    private static bool Belongs(CompiledPolicy policy, string number) =>
        policy.DefaultGroup is not null
        && !policy.TryGetExtension(number, out _)
        && !policy.EmergencyNumbers.Any(e => e.IsMatch(number));

    private static string WithExtensions(string document, IReadOnlyList<string> numbers)
    {
        var tree = PolicyTree.FromYaml(document);
        if (tree["extensions"] is not JsonArray extensions)
        {
            extensions = [];
            tree["extensions"] = extensions;
        }

        foreach (var number in numbers)
        {
            extensions.Add(number);
        }

        return PolicyTree.ToYaml(tree);
    }

    private static string SourceName(PolicyRevision revision) => revision.Id == 0 ? revision.Summary : $"revision {revision.Id}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Policy revision {Revision} in force ({Author}: {Summary}): {Groups} groups, {Extensions} extensions ({Discovered} discovered); new calls use it")]
    private static partial void LogPublished(ILogger logger, long revision, string author, string summary, int groups, int extensions, int discovered);

    [LoggerMessage(Level = LogLevel.Error, Message = "Policy {Source} rejected ({ErrorCount} errors); the previous policy stays in force:\n{Errors}")]
    private static partial void LogRejected(ILogger logger, string source, int errorCount, string errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discovered phones left out: with them the policy does not load:\n{Errors}")]
    private static partial void LogDiscoveredRejected(ILogger logger, string errors);
}

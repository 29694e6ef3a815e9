using PhoneGroups.Ari.Rest;
using PhoneGroups.Policy.Model;

namespace PhoneGroups.Discovery;

/// <summary>
/// The policy's extensions whose PJSIP endpoint Asterisk no longer has. ARI's GET /endpoints keeps listing an
/// endpoint removed from pjsip.conf by a reload (as "offline") until Asterisk restarts, so an offline one is
/// asked about in PJSIP's own configuration. Only PJSIP endpoints can be checked: Local/... and dial strings
/// are never orphans.
/// </summary>
internal static class OrphanFinder
{
    private const int ParallelChecks = 8; // a PBX with thousands of phones offline: bounded, not one by one

    public static async Task<IReadOnlyList<ExtensionInfo>> FindAsync(IAriClient ari, IEnumerable<ExtensionInfo> extensions, CancellationToken cancellationToken)
    {
        var listed = (await ari.ListEndpointsAsync("PJSIP", cancellationToken).ConfigureAwait(false))
            .ToDictionary(e => "PJSIP/" + e.Resource, e => e.State, StringComparer.OrdinalIgnoreCase);
        var candidates = extensions.Where(e => e.Endpoint.StartsWith("PJSIP/", StringComparison.OrdinalIgnoreCase)).ToList();
        var orphans = new System.Collections.Concurrent.ConcurrentBag<ExtensionInfo>();
        await Parallel.ForEachAsync(candidates, new ParallelOptions { MaxDegreeOfParallelism = ParallelChecks, CancellationToken = cancellationToken }, async (extension, ct) =>
        {
            if (!listed.TryGetValue(extension.Endpoint, out var state))
            {
                orphans.Add(extension);
            }
            else if (!string.Equals(state, "online", StringComparison.OrdinalIgnoreCase)
                && !await ari.ConfigObjectExistsAsync("res_pjsip", "endpoint", extension.Endpoint["PJSIP/".Length..], ct).ConfigureAwait(false))
            {
                orphans.Add(extension);
            }
        }).ConfigureAwait(false);
        return [.. orphans.OrderBy(e => e.Number, StringComparer.Ordinal)];
    }
}

using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Discovery;

/// <summary>
/// The PJSIP endpoints Asterisk has now. ARI's GET /endpoints keeps listing an endpoint removed from pjsip.conf
/// by a reload (as "offline") until Asterisk restarts, so a listed endpoint that is not online is looked up in
/// PJSIP's own configuration (GET /asterisk/config/dynamic/res_pjsip/endpoint/{id}).
/// </summary>
internal static class PjsipEndpoints
{
    private const int ParallelChecks = 8; // thousands of phones offline: bounded, not one by one

    /// <summary>The names among those <paramref name="wanted"/> that Asterisk has configured (ignoring case).</summary>
    public static async Task<IReadOnlySet<string>> ConfiguredAsync(IAriClient ari, Func<string, bool> wanted, CancellationToken cancellationToken)
    {
        var listed = (await ari.ListEndpointsAsync("PJSIP", cancellationToken).ConfigureAwait(false)).Where(e => wanted(e.Resource)).ToList();
        var configured = new System.Collections.Concurrent.ConcurrentDictionary<string, byte>(StringComparer.OrdinalIgnoreCase);
        await Parallel.ForEachAsync(listed, new ParallelOptions { MaxDegreeOfParallelism = ParallelChecks, CancellationToken = cancellationToken }, async (endpoint, ct) =>
        {
            if (string.Equals(endpoint.State, "online", StringComparison.OrdinalIgnoreCase)
                || await ari.ConfigObjectExistsAsync("res_pjsip", "endpoint", endpoint.Resource, ct).ConfigureAwait(false))
            {
                configured[endpoint.Resource] = 0;
            }
        }).ConfigureAwait(false);
        return new HashSet<string>(configured.Keys, StringComparer.OrdinalIgnoreCase);
    }
}

using PhoneGroups.Ari.Rest;
using PhoneGroups.Policy.Model;

namespace PhoneGroups.Discovery;

/// <summary>
/// The policy's extensions whose PJSIP endpoint Asterisk no longer has (<see cref="PjsipEndpoints"/>). Only
/// PJSIP endpoints can be checked: Local/... and dial strings are never orphans.
/// </summary>
internal static class OrphanFinder
{
    private const string Pjsip = "PJSIP/";

    public static async Task<IReadOnlyList<ExtensionInfo>> FindAsync(IAriClient ari, IEnumerable<ExtensionInfo> extensions, CancellationToken cancellationToken)
    {
        var candidates = extensions.Where(e => e.Endpoint.StartsWith(Pjsip, StringComparison.OrdinalIgnoreCase)).ToList();
        var names = new HashSet<string>(candidates.Select(e => e.Endpoint[Pjsip.Length..]), StringComparer.OrdinalIgnoreCase);
        var configured = await PjsipEndpoints.ConfiguredAsync(ari, names.Contains, cancellationToken).ConfigureAwait(false);
        return [.. candidates.Where(e => !configured.Contains(e.Endpoint[Pjsip.Length..])).OrderBy(e => e.Number, StringComparer.Ordinal)];
    }
}

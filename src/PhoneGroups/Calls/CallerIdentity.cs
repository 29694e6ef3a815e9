using PhoneGroups.Policy.Compilation;
using PhoneGroups.Policy.Model;

namespace PhoneGroups.Calls;

/// <summary>How the caller of a call was identified, in the order of trust.</summary>
public enum CallerSource
{
    /// <summary>Not identified: the policy's unknownCallers setting applies.</summary>
    Unknown,

    /// <summary>The dialplan set PHONEGROUPS_CALLER (trusted configuration).</summary>
    DialplanVariable,

    /// <summary>The PJSIP endpoint the call came from.</summary>
    Endpoint,

    /// <summary>The caller ID number, trusted because the configuration says so.</summary>
    CallerIdNumber,
}

/// <summary>The extension a call comes from, and how that was established.</summary>
/// <param name="Extension">The extension number, or null when the caller is unknown.</param>
/// <param name="Source">Which evidence identified the caller.</param>
public readonly record struct CallerIdentity(string? Extension, CallerSource Source)
{
    /// <summary>
    /// Identifies the caller without trusting what a phone can forge: the dialplan's variable first, then
    /// the endpoint of the channel (a PJSIP channel is named <c>PJSIP/&lt;endpoint&gt;-&lt;sequence&gt;</c>), then
    /// the caller ID number only when <paramref name="trustCallerIdNumber"/> is set.
    /// </summary>
    public static CallerIdentity Identify(CompiledPolicy policy, string? dialplanCaller, string channelName, string? callerIdNumber, bool trustCallerIdNumber)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(channelName);
        if (!string.IsNullOrWhiteSpace(dialplanCaller))
        {
            return new CallerIdentity(dialplanCaller.Trim(), CallerSource.DialplanVariable);
        }

        var endpoint = EndpointOf(channelName);
        if (endpoint is not null && EndpointDirectory.For(policy).TryGetValue(endpoint, out var extension))
        {
            return new CallerIdentity(extension.Number, CallerSource.Endpoint);
        }

        if (trustCallerIdNumber && !string.IsNullOrWhiteSpace(callerIdNumber))
        {
            return new CallerIdentity(callerIdNumber.Trim(), CallerSource.CallerIdNumber);
        }

        return new CallerIdentity(null, CallerSource.Unknown);
    }

    /// <summary>The endpoint of a channel name: <c>PJSIP/1002-desk-0000002a</c> → <c>PJSIP/1002-desk</c>; null for Local and others.</summary>
    internal static string? EndpointOf(string channelName)
    {
        if (!channelName.StartsWith("PJSIP/", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var dash = channelName.LastIndexOf('-');
        return dash > "PJSIP/".Length ? channelName[..dash] : null;
    }
}

/// <summary>Endpoint → extension for one policy snapshot, built once per snapshot on first use.</summary>
internal static class EndpointDirectory
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CompiledPolicy, Dictionary<string, ExtensionInfo>> Cache = new();

    public static IReadOnlyDictionary<string, ExtensionInfo> For(CompiledPolicy policy) =>
        Cache.GetValue(policy, static p =>
        {
            var byEndpoint = new Dictionary<string, ExtensionInfo>(StringComparer.OrdinalIgnoreCase);
            foreach (var extension in p.Extensions)
            {
                byEndpoint.TryAdd(extension.Endpoint, extension);
            }

            return byEndpoint;
        });
}

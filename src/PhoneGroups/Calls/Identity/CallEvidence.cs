using PhoneGroups.Ari.Models;

namespace PhoneGroups.Calls;

/// <summary>
/// The channel variables a call is decided on. Asterisk sends them with the caller's StasisStart when
/// ari.conf lists them in <c>channelvars</c>; on a PBX whose ari.conf does not, they are read over REST
/// (one warning says which line is missing), never assumed empty.
/// </summary>
internal sealed class CallEvidence
{
    private readonly Dictionary<string, string> _values;

    private CallEvidence(Dictionary<string, string> values) => _values = values;

    /// <summary>A variable's value, or null when it is not set.</summary>
    public string? this[string name] => _values.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    /// <summary>
    /// Reads <see cref="ChannelVariables.Evidence"/> for the caller. Throws when they can be read neither
    /// from the event nor over REST: the call is then ended, never decided without them.
    /// </summary>
    public static async Task<CallEvidence> ReadAsync(Call call, CancellationToken cancellationToken)
    {
        var channel = call.Caller;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var name in ChannelVariables.Evidence)
        {
            if (channel.ChannelVars is { } sent && sent.TryGetValue(name, out var value))
            {
                values[name] = value ?? string.Empty;
            }
            else
            {
                missing.Add(name);
            }
        }

        if (missing.Count > 0)
        {
            WarnOnce(call, missing);
            // Together, not one round trip after another: the caller waits for all of them.
            var read = await Task.WhenAll(missing.Select(name => ReadOverRestAsync(call, channel, name, cancellationToken))).ConfigureAwait(false);
            for (var i = 0; i < missing.Count; i++)
            {
                values[missing[i]] = read[i];
            }
        }

        return new CallEvidence(values);
    }

    private static async Task<string> ReadOverRestAsync(Call call, Channel channel, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await call.Services.Ari.GetVariableAsync(channel.Id, name, cancellationToken).ConfigureAwait(false);
        }
        catch (Ari.Rest.AriNotFoundException e) when (!e.AsteriskMessage.Contains("channel", StringComparison.OrdinalIgnoreCase))
        {
            return string.Empty; // Asterisk answers 404 "Provided variable was not found" for a variable never set
        }
    }

    private static void WarnOnce(Call call, List<string> missing)
    {
        if (call.Services.FirstChannelVarsWarning())
        {
            CallLog.ChannelVarsMissing(call.Services.Logger, call.Id, string.Join(",", ChannelVariables.Evidence), string.Join(",", missing));
        }
    }
}

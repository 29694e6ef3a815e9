namespace PhoneGroups.Ari.Rest;

/// <summary>Parameters of POST /channels (originate).</summary>
/// <param name="Endpoint">What to call, e.g. <c>Local/2001@phonegroups-test</c>.</param>
public sealed record OriginateRequest(string Endpoint)
{
    /// <summary>The dialplan extension to connect the answered channel to (with <see cref="Context"/>).</summary>
    public string? Extension { get; init; }

    /// <summary>The dialplan context.</summary>
    public string? Context { get; init; }

    /// <summary>The dialplan priority.</summary>
    public int? Priority { get; init; }

    /// <summary>Instead of the dialplan: the application that receives the channel.</summary>
    public string? App { get; init; }

    /// <summary>Arguments for the application's StasisStart.</summary>
    public string? AppArgs { get; init; }

    /// <summary>The caller ID, e.g. <c>1001</c> or <c>"Name" &lt;1001&gt;</c>.</summary>
    public string? CallerId { get; init; }

    /// <summary>Seconds to wait for an answer.</summary>
    public int? Timeout { get; init; }

    /// <summary>The id to give the channel.</summary>
    public string? ChannelId { get; init; }

    /// <summary>The id of the second half of a Local channel.</summary>
    public string? OtherChannelId { get; init; }

    /// <summary>Variables to set on the new channel.</summary>
    public IReadOnlyDictionary<string, string>? Variables { get; init; }
}

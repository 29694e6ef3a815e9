namespace PhoneGroups.Ari.Rest;

/// <summary>Parameters of POST /channels/create.</summary>
/// <param name="Endpoint">What to call, e.g. <c>PJSIP/2001</c> or <c>Local/2001@phones</c>.</param>
/// <param name="App">The application that receives the channel's events.</param>
public sealed record CreateChannelRequest(string Endpoint, string App)
{
    /// <summary>The id to give the channel. Choose it before the request: events can arrive before the response.</summary>
    public string? ChannelId { get; init; }

    /// <summary>The id of the second half of a Local channel.</summary>
    public string? OtherChannelId { get; init; }

    /// <summary>The channel that causes this one (links them for CDRs and connected line).</summary>
    public string? Originator { get; init; }

    /// <summary>Arguments for the application's StasisStart.</summary>
    public string? AppArgs { get; init; }

    /// <summary>Variables (and functions such as <c>CALLERID(num)</c>) to set on the new channel.</summary>
    public IReadOnlyDictionary<string, string>? Variables { get; init; }
}

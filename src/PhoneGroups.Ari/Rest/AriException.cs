using System.Net;

namespace PhoneGroups.Ari.Rest;

/// <summary>
/// Asterisk refused an ARI request. Carries the HTTP status and Asterisk's own message, and the request
/// without credentials (ARI paths and queries never hold the password: it travels in the header).
/// </summary>
public class AriException : Exception
{
    /// <summary>Creates the exception for a refused request.</summary>
    public AriException(HttpStatusCode status, string? asteriskMessage, string method, string path)
        : base($"ARI {method} {path} failed: {(int)status} {status}{(string.IsNullOrEmpty(asteriskMessage) ? string.Empty : $": {asteriskMessage}")}")
    {
        Status = status;
        AsteriskMessage = asteriskMessage ?? string.Empty;
        Method = method;
        Path = path;
    }

    /// <summary>Creates an exception for a request that got no answer.</summary>
    public AriException(string method, string path, Exception inner)
        : base($"ARI {method} {path} failed: {inner.Message}", inner)
    {
        Method = method;
        Path = path;
        AsteriskMessage = string.Empty;
    }

    /// <summary>The HTTP status, or 0 when Asterisk did not answer.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>What Asterisk said, e.g. "Channel not found".</summary>
    public string AsteriskMessage { get; }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The path and query below /ari.</summary>
    public string Path { get; }

    internal static AriException For(HttpStatusCode status, string? message, string method, string path) => status switch
    {
        HttpStatusCode.NotFound => new AriNotFoundException(message, method, path),
        HttpStatusCode.Conflict => new AriConflictException(message, method, path),
        HttpStatusCode.UnprocessableEntity => new AriUnprocessableException(message, method, path),
        _ => new AriException(status, message, method, path),
    };
}

/// <summary>404: the channel, bridge, playback or sound does not exist (or no longer does).</summary>
public sealed class AriNotFoundException(string? message, string method, string path)
    : AriException(HttpStatusCode.NotFound, message, method, path);

/// <summary>409: the object is not in a state that allows the request (e.g. a channel not in Stasis).</summary>
public sealed class AriConflictException(string? message, string method, string path)
    : AriException(HttpStatusCode.Conflict, message, method, path);

/// <summary>422: a parameter names something that cannot be used (e.g. a channel that is not in the application).</summary>
public sealed class AriUnprocessableException(string? message, string method, string path)
    : AriException(HttpStatusCode.UnprocessableEntity, message, method, path);

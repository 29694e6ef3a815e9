namespace PhoneGroups.Api;

/// <summary>The request's If-Match names a revision that is no longer the newest (HTTP 412).</summary>
internal sealed class StaleRevisionException(string ifMatch, long latest)
    : Exception($"If-Match {ifMatch} is not the newest revision: revision {latest} is; read it again and reapply the change")
{
    public long Latest { get; } = latest;
}

namespace PhoneGroups.Store;

/// <summary>A write was based on a revision that is no longer the newest.</summary>
public sealed class RevisionConflictException(long basedOn, long latest)
    : Exception($"the change was based on revision {basedOn}, but revision {latest} is the newest")
{
    /// <summary>The revision the write was based on.</summary>
    public long BasedOn { get; } = basedOn;

    /// <summary>The newest revision at the time of the write.</summary>
    public long Latest { get; } = latest;
}

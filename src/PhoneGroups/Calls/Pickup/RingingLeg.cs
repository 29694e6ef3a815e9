namespace PhoneGroups.Calls;

/// <summary>
/// An internal call ringing at an extension, as call pickup sees it. Answering (the callee picked up)
/// and claiming (another phone picked the call up) exclude each other under one lock: whichever comes
/// first wins, so a callee who just answered is never hung up by a pickup, and a picked-up call is never
/// bridged to its original callee.
/// </summary>
internal sealed class RingingLeg(Call call, string extension, string legId, DateTimeOffset since)
{
    private readonly Lock _gate = new();
    private Status _status = Status.Ringing;

    private enum Status
    {
        Ringing,
        Answered,
        Claimed,
        Withdrawn,
    }

    /// <summary>The ringing call.</summary>
    public Call Call { get; } = call;

    /// <summary>The extension it rings.</summary>
    public string Extension { get; } = extension;

    /// <summary>The ringing leg, hung up by the picking call.</summary>
    public string LegId { get; } = legId;

    /// <summary>Since when it rings: the longest ringing call is picked up first.</summary>
    public DateTimeOffset Since { get; } = since;

    /// <summary>Whether a pickup took the call.</summary>
    public bool IsClaimed
    {
        get
        {
            lock (_gate)
            {
                return _status == Status.Claimed;
            }
        }
    }

    /// <summary>The callee answered: false when a pickup came first.</summary>
    public bool TryAnswer()
    {
        lock (_gate)
        {
            if (_status != Status.Ringing)
            {
                return _status == Status.Answered;
            }

            _status = Status.Answered;
            return true;
        }
    }

    /// <summary>Takes the call for <paramref name="picker"/>: its caller's channel now belongs to the picking call.</summary>
    public bool TryClaim(Call picker)
    {
        lock (_gate)
        {
            if (_status != Status.Ringing || !Call.Channels.TryGiveCallerTo(picker))
            {
                return false;
            }

            _status = Status.Claimed;
            return true;
        }
    }

    /// <summary>The leg stops ringing (the caller hung up, the leg failed): it can no longer be picked up.</summary>
    public void Withdraw()
    {
        lock (_gate)
        {
            if (_status == Status.Ringing)
            {
                _status = Status.Withdrawn;
            }
        }
    }
}

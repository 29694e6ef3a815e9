namespace PhoneGroups.Load;

/// <summary>One call of a run: bridged (with its post-dial delay) or failed (with why).</summary>
public sealed record CallOutcome(bool Bridged, double PostDialDelayMs, string? Failure)
{
    public static CallOutcome Failed(string why) => new(false, 0, why);
}

namespace PhoneGroups.Calls;

/// <summary>How long to wait before asking Asterisk again to hang up or destroy what it refused to: 1, 2, 4 ... at most 30 s.</summary>
internal static class CleanupBackoff
{
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    /// <summary>The wait before try <paramref name="attempt"/> + 1 (the first retry follows attempt 1).</summary>
    public static TimeSpan After(int attempt) => TimeSpan.FromSeconds(Math.Min(Max.TotalSeconds, Math.Pow(2, Math.Clamp(attempt - 1, 0, 10))));
}

namespace PhoneGroups.Policy.Compilation;

/// <summary>
/// What one set of matching patterns means for the policy, precomputed per automaton match id
/// so a decision only looks things up.
/// </summary>
internal sealed class MatchInfo
{
    public static readonly MatchInfo None = new(false, [], []);

    public MatchInfo(bool isEmergency, int[] routes, int[] allowingGroups)
    {
        IsEmergency = isEmergency;
        Routes = routes;
        AllowingGroups = allowingGroups;
    }

    /// <summary>Whether an emergency number matches.</summary>
    public bool IsEmergency { get; }

    /// <summary>The indexes of the routes whose patterns match, in route order.</summary>
    public int[] Routes { get; }

    /// <summary>The indexes, ascending, of the isolated groups with an allow pattern that matches.</summary>
    public int[] AllowingGroups { get; }

    public bool IsAllowedFor(int groupIndex) => Array.BinarySearch(AllowingGroups, groupIndex) >= 0;
}

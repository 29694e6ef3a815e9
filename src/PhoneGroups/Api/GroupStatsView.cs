namespace PhoneGroups.Api;

/// <summary>One group's numbers: members in force, of which discovered.</summary>
internal sealed record GroupStatsView(string Name, bool Default, int Members, int Discovered);

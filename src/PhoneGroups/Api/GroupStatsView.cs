namespace PhoneGroups.Api;

/// <summary>
/// One group's numbers: members in force, of which discovered, and the calls its members made since the controller
/// started, allowed and denied (null while the call path does not report them).
/// </summary>
internal sealed record GroupStatsView(string Name, bool Default, int Members, int Discovered, long? CallsAllowed, long? CallsDenied);

namespace PhoneGroups.Api;

/// <summary>What cleanup found, and the revision that removed them (null on a dry run or when none were found).</summary>
internal sealed record CleanupView(bool DryRun, IReadOnlyList<OrphanView> Orphans, long? Revision);

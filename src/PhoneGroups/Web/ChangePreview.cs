namespace PhoneGroups.Web;

/// <summary>A change shown before it is made: the summary its revision would get, and the diff (secrets masked).</summary>
public sealed record ChangePreview(string Summary, IReadOnlyList<string> Diff);

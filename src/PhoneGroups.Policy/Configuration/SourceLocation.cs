namespace PhoneGroups.Policy.Configuration;

/// <summary>Where a value sits in the policy file: 1-based line and column, and its path such as <c>groups[1].allow[0]</c>.</summary>
internal readonly record struct SourceLocation(int Line, int Column, string Field);

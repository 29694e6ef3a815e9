namespace PhoneGroups.Policy.Configuration;

/// <summary>A value read from the policy file, with where it was read, so later checks can point at it.</summary>
internal sealed record Located<T>(T Value, SourceLocation Location);

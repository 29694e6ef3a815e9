using PhoneGroups.Policy.Configuration;

namespace PhoneGroups.Policy.Loading;

/// <summary>Collects errors while reading and validating, so that one run reports all of them.</summary>
internal sealed class PolicyErrorList(string sourceName)
{
    private readonly List<PolicyError> _errors = [];

    public string SourceName => sourceName;

    public int Count => _errors.Count;

    public void Add(SourceLocation location, string message) =>
        _errors.Add(new PolicyError(sourceName, location.Line, location.Column, location.Field, message));

    public void Add(int line, int column, string field, string message) =>
        _errors.Add(new PolicyError(sourceName, line, column, field, message));

    /// <summary>The errors ordered by position in the file (reading and validation find them in different orders).</summary>
    public IReadOnlyList<PolicyError> ToList() => [.. _errors.OrderBy(e => e.Line).ThenBy(e => e.Column)];
}

using System.Diagnostics.CodeAnalysis;
using PhoneGroups.Policy.Compilation;

namespace PhoneGroups.Policy.Loading;

/// <summary>Either a compiled policy or every error that kept the file from loading; never both.</summary>
public sealed class PolicyLoadResult
{
    private PolicyLoadResult(CompiledPolicy? policy, IReadOnlyList<PolicyError> errors)
    {
        Policy = policy;
        Errors = errors;
    }

    /// <summary>The policy, when the file was valid.</summary>
    public CompiledPolicy? Policy { get; }

    /// <summary>The problems found, in file order; empty on success.</summary>
    public IReadOnlyList<PolicyError> Errors { get; }

    /// <summary>Whether the file was valid and <see cref="Policy"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Policy))]
    public bool Success => Policy is not null;

    internal static PolicyLoadResult Loaded(CompiledPolicy policy) => new(policy, []);

    internal static PolicyLoadResult Failed(IReadOnlyList<PolicyError> errors) => new(null, errors);
}

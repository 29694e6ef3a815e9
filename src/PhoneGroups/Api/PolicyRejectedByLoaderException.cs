using PhoneGroups.Policy.Loading;

namespace PhoneGroups.Api;

/// <summary>The document an API change would produce does not load; nothing was written.</summary>
internal sealed class PolicyRejectedByLoaderException(IReadOnlyList<PolicyError> errors) : Exception("the policy would not load")
{
    public IReadOnlyList<PolicyError> Errors { get; } = errors;
}

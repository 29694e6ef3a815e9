namespace PhoneGroups.Hosting;

/// <summary>The policy given at start-up is invalid; every error names its line.</summary>
internal sealed class PolicyRejectedException(IReadOnlyList<PhoneGroups.Policy.Loading.PolicyError> errors)
    : Exception("The policy is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<PhoneGroups.Policy.Loading.PolicyError> Errors { get; } = errors;
}

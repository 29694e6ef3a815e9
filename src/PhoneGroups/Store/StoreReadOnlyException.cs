namespace PhoneGroups.Store;

/// <summary>The policy is managed as a file (<c>Store:Provider file</c>): change the file, not the API.</summary>
public sealed class StoreReadOnlyException() : Exception("the policy is managed as a file (Store:Provider file): edit the file instead");

using Microsoft.Extensions.Logging.Abstractions;
using PhoneGroups.Hosting;
using PhoneGroups.PolicyReload;
using PhoneGroups.Store;

namespace PhoneGroups.Tests.PolicyReload;

/// <summary>What the publisher puts in force for calls: revisions, plus discovered phones in the default group.</summary>
public sealed class PolicyPublisherTests
{
    private const string WithDefault = """
        version: 1
        settings: { emergencyNumbers: ["911"] }
        groups:
          - name: Reception
            default: true
          - name: Sales
            isolated: true
            members: ["2001"]
        """;

    private static PolicyPublisher CreateSut(string document = WithDefault) =>
        new(new PolicyRevision(1, DateTimeOffset.UtcNow, "seed", "seeded", document, null), NullLogger.Instance);

    [Fact]
    public void DiscoveredPhones_JoinTheDefaultGroup_UnlessThePolicyListsThem()
    {
        var publisher = CreateSut();

        publisher.SetDiscovered(["2001", "3005", "911"], publisher.DiscoveryGeneration);

        Assert.True(publisher.Store.Current.TryGetExtension("3005", out var phone));
        Assert.Equal("Reception", phone.Group?.Name);
        Assert.Equal("PJSIP/3005", phone.Endpoint);
        Assert.True(publisher.IsDiscovered("3005"));
        Assert.False(publisher.IsDiscovered("2001"));
        Assert.Equal("Sales", publisher.Store.Current.TryGetExtension("2001", out var listed) ? listed.Group?.Name : null);
        Assert.False(publisher.Store.Current.TryGetExtension("911", out _)); // an emergency number is never an extension
    }

    [Fact]
    public void DiscoveredPhones_StayThrough_ANewRevision_AndLeaveWhenAsteriskNoLongerHasThem()
    {
        var publisher = CreateSut();
        publisher.SetDiscovered(["3005"], publisher.DiscoveryGeneration);

        publisher.Publish(new PolicyRevision(2, DateTimeOffset.UtcNow, "alice", "x", WithDefault.Replace("members: [\"2001\"]", "members: [\"2001\", \"2002\"]", StringComparison.Ordinal), null));
        Assert.True(publisher.Store.Current.TryGetExtension("3005", out _));
        Assert.True(publisher.Store.Current.TryGetExtension("2002", out _));

        publisher.SetDiscovered([], publisher.DiscoveryGeneration);
        Assert.False(publisher.Store.Current.TryGetExtension("3005", out _));
    }

    [Fact]
    public void ListedPhoneThatAsteriskNoLongerHas_DeletedFromThePolicy_DoesNotComeBackFromTheLastDiscoveryScan()
    {
        // The orphan cleanup: the last scan (up to IntervalSeconds old) still saw 2001; Asterisk has dropped it since.
        var publisher = CreateSut();
        publisher.SetDiscovered(["2001"], publisher.DiscoveryGeneration);

        publisher.ForgetDiscovered(["2001"]);
        publisher.Publish(new PolicyRevision(2, DateTimeOffset.UtcNow, "alice", "cleanup", WithDefault.Replace("members: [\"2001\"]", "members: []", StringComparison.Ordinal), null));

        Assert.False(publisher.Store.Current.TryGetExtension("2001", out _));
        Assert.False(publisher.IsDiscovered("2001"));
    }

    [Fact]
    public void DiscoveryScanBegunBeforeACleanup_CannotBringTheRemovedPhoneBack()
    {
        var publisher = CreateSut();
        var scanBegun = publisher.DiscoveryGeneration; // the scan lists Asterisk's endpoints, still with 3005 ...

        publisher.ForgetDiscovered(["3005"]); // ... while the cleanup finds 3005 gone
        publisher.SetDiscovered(["3005"], scanBegun);
        Assert.False(publisher.Store.Current.TryGetExtension("3005", out _));

        publisher.SetDiscovered(["3006"], publisher.DiscoveryGeneration); // the next scan counts again
        Assert.True(publisher.Store.Current.TryGetExtension("3006", out _));
    }

    [Fact]
    public void WithoutADefaultGroup_NothingIsDiscovered_SoUnknownPhonesStayUnknown()
    {
        var publisher = CreateSut("version: 1\ngroups:\n  - name: Sales\n    members: [\"2001\"]\n");

        publisher.SetDiscovered(["3005"], publisher.DiscoveryGeneration);

        Assert.False(publisher.Store.Current.TryGetExtension("3005", out _));
    }

    [Fact]
    public void InvalidRevision_IsRejected_AndThePolicyInForceStays()
    {
        var publisher = CreateSut();
        var before = publisher.Store.Current;

        var result = publisher.Publish(new PolicyRevision(2, DateTimeOffset.UtcNow, "alice", "x", "version: 1\ngroups:\n  - name: X\n    isolated: maybe\n", null));

        Assert.False(result!.Success);
        Assert.Same(before, publisher.Store.Current);
        Assert.Equal(1, publisher.Revision.Id);
    }

    [Fact]
    public void OlderRevision_ThanTheOneInForce_IsIgnored()
    {
        var publisher = CreateSut();
        publisher.Publish(new PolicyRevision(5, DateTimeOffset.UtcNow, "alice", "x", WithDefault, null));

        Assert.Null(publisher.Publish(new PolicyRevision(3, DateTimeOffset.UtcNow, "bob", "late", "version: 1\n", null)));
        Assert.Equal(5, publisher.Revision.Id);
    }

    [Fact]
    public void InvalidInitialRevision_StopsStartUp_NamingTheLine()
    {
        var error = Assert.Throws<PolicyRejectedException>(() => CreateSut("version: 1\ngroups:\n  - name: X\n    isolated: maybe\n"));

        Assert.Contains(error.Errors, e => e.Line == 4);
    }
}

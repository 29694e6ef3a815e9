using PhoneGroups.Policy.Loading;

namespace PhoneGroups.Policy.Tests.Permissions;

/// <summary>Invalid permissions and pins are rejected with the file, line and field.</summary>
public class PermissionValidationTests
{
    private const string Head = """
        version: 1
        extensions: ["1000", { number: "2003", pin: "7777" }]
        groups:
          - { name: Sales, members: ["2001"] }
        routes:
          - { name: International, patterns: ["_011."], dial: "PJSIP/{number}@trunk" }
        permissions:

        """; // the permission under test starts at line 8

    private static PolicyError SingleError(string permissions) => Assert.Single(TestPolicies.Errors(Head + permissions));

    private static void AssertError(PolicyError error, int line, string field, string messageFragment)
    {
        Assert.Equal("bad.yaml", error.File);
        Assert.Equal(line, error.Line);
        Assert.Equal(field, error.Field);
        Assert.Contains(messageFragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_ValidPermissions_Load()
    {
        var policy = TestPolicies.Load(Head + """
              - name: Sales international
                description: needs the department code
                mode: deny
                numbers: ["_011."]
                users: ["2003"]
                groups: [sales]
                routes: [International]
                password: "4*21"
                accountCode: intl-sales
                enabled: true
              - { name: Spam, numbers: ["_0900."], incoming: ["1000"] }
            """);

        Assert.Equal(["Sales international", "Spam"], policy.Permissions.Select(p => p.Name));
        Assert.True(policy.Permissions[1].IsIncoming);
        Assert.Equal("Sales", Assert.Single(policy.Permissions[0].Groups).Name);
    }

    [Fact]
    public void LoadText_UnknownUser_IsNamed()
    {
        var error = SingleError("""  - { name: P, numbers: ["_011."], users: ["2009"] }""");

        AssertError(error, 8, "permissions[0].users[0]", "unknown user '2009'; it is not an extension of this policy");
    }

    [Fact]
    public void LoadText_UnknownGroup_SuggestsTheClosest()
    {
        var error = SingleError("""  - { name: P, numbers: ["_011."], groups: [Sale] }""");

        AssertError(error, 8, "permissions[0].groups[0]", "unknown group 'Sale'; did you mean 'Sales'?");
    }

    [Fact]
    public void LoadText_UnknownRoute_SuggestsTheClosest()
    {
        var error = SingleError("""  - { name: P, numbers: ["_011."], routes: [Internationl] }""");

        AssertError(error, 8, "permissions[0].routes[0]", "unknown route 'Internationl'; did you mean 'International'?");
    }

    [Fact]
    public void LoadText_NoTarget_IsRejected()
    {
        var error = SingleError("""
              - name: P
                numbers: ["_011."]
            """);

        AssertError(error, 8, "permissions[0]", "a permission needs a target");
    }

    [Fact]
    public void LoadText_IncomingMixedWithUsers_IsRejected()
    {
        var error = SingleError("""
              - name: P
                numbers: ["_011."]
                users: ["2001"]
                incoming: ["1000"]
            """);

        AssertError(error, 11, "permissions[0].incoming", "cannot be combined with users, groups or routes");
    }

    [Fact]
    public void LoadText_InvalidPattern_IsNamed()
    {
        var error = SingleError("""  - { name: P, numbers: ["_01[1."], users: ["2001"] }""");

        AssertError(error, 8, "permissions[0].numbers[0]", "invalid pattern '_01[1.'");
    }

    [Fact]
    public void LoadText_InvalidIncomingPattern_IsNamed()
    {
        var error = SingleError("""  - { name: P, numbers: ["_X."], incoming: ["_10.0"] }""");

        AssertError(error, 8, "permissions[0].incoming[0]", "invalid pattern '_10.0'");
    }

    [Theory]
    [InlineData("\"1\"")]
    [InlineData("\"12345678901234567\"")]
    [InlineData("\"12#4\"")]
    [InlineData("\"12a4\"")]
    public void LoadText_InvalidPassword_IsRejected(string password)
    {
        var error = SingleError($$"""  - { name: P, numbers: ["_011."], users: ["2001"], password: {{password}} }""");

        AssertError(error, 8, "permissions[0].password", "a password is 2 to 16 of the digits 0-9 and '*'");
    }

    [Fact]
    public void LoadText_InvalidMode_IsRejected()
    {
        var error = SingleError("""  - { name: P, mode: block, numbers: ["_011."], users: ["2001"] }""");

        AssertError(error, 8, "permissions[0].mode", "expected deny or allow, found 'block'");
    }

    [Fact]
    public void LoadText_DuplicateName_IgnoringCase_NamesTheFirstLine()
    {
        var error = SingleError("""
              - { name: Sales abroad, numbers: ["_011."], users: ["2001"] }
              - { name: sales ABROAD, numbers: ["_011."], users: ["1000"] }
            """);

        AssertError(error, 9, "permissions[1].name", "permission name 'sales ABROAD' is already used at line 8");
    }

    [Theory]
    [InlineData("\"7\"")]
    [InlineData("\"12345678901234567\"")]
    [InlineData("\"77#7\"")]
    [InlineData("\"pin\"")]
    public void LoadText_InvalidPin_IsRejected(string pin)
    {
        var error = Assert.Single(TestPolicies.Errors($$"""
            version: 1
            extensions:
              - { number: "2003", pin: {{pin}} }
            """));

        AssertError(error, 3, "extensions[0].pin", "a pin is 2 to 16 of the digits 0-9 and '*'");
    }

    [Fact]
    public void LoadText_PinOfAGroupMember_IsChecked()
    {
        var error = Assert.Single(TestPolicies.Errors("""
            version: 1
            groups:
              - name: Sales
                members:
                  - { number: "2001", pin: "1" }
            """));

        AssertError(error, 5, "groups[0].members[0].pin", "a pin is 2 to 16");
    }

    [Fact]
    public void LoadText_NoNumbers_IsRejected()
    {
        var error = SingleError("""  - { name: P, users: ["2001"] }""");

        AssertError(error, 8, "permissions[0].numbers", "a permission needs 'numbers'");
    }

    [Fact]
    public void LoadText_PasswordOnAllow_IsRejected()
    {
        var error = SingleError("""  - { name: P, mode: allow, numbers: ["_011."], users: ["2001"], password: "1234" }""");

        AssertError(error, 8, "permissions[0].password", "only a deny permission asks for a password");
    }

    [Fact]
    public void LoadText_AccountCodeWithoutPassword_IsRejected()
    {
        var error = SingleError("""  - { name: P, numbers: ["_011."], users: ["2001"], accountCode: intl }""");

        AssertError(error, 8, "permissions[0].accountCode", "this permission has no password");
    }

    [Fact]
    public void LoadText_UserListedTwice_IsRejected()
    {
        var error = SingleError("""  - { name: P, numbers: ["_011."], users: ["2001", "2001"] }""");

        AssertError(error, 8, "permissions[0].users[1]", "user '2001' is listed twice");
    }

    [Fact]
    public void LoadText_UnknownKey_SuggestsTheClosest()
    {
        var error = SingleError("""  - { name: P, numbers: ["_011."], user: ["2001"], groups: [Sales] }""");

        AssertError(error, 8, "permissions[0].user", "did you mean 'users'?");
    }

    [Fact]
    public void LoadText_SeveralProblems_AreAllReported()
    {
        var errors = TestPolicies.Errors(Head + """
              - { name: P, numbers: ["_01[1."], users: ["2009"], password: "1" }
              - { name: p, numbers: ["_011."] }
            """);

        Assert.Equal(["permissions[0].numbers[0]", "permissions[0].password", "permissions[0].users[0]", "permissions[1]", "permissions[1].name"],
            errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }
}

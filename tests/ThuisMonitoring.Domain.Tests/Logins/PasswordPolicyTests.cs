using ThuisMonitoring.Domain.Logins;

namespace ThuisMonitoring.Domain.Tests.Logins;

/// <summary>Issue 9 item 4: length ≥ 12, not the username, not a common password.</summary>
public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("12345678", PasswordRule.TooShort)]
    [InlineData("kort-wacht", PasswordRule.TooShort)]
    [InlineData("", PasswordRule.TooShort)]
    [InlineData("123456789012", PasswordRule.Common)]
    [InlineData("qwertyuiop123", PasswordRule.Common)]
    [InlineData("1qaz2wsx3edc", PasswordRule.Common)]
    [InlineData("Password1234!", PasswordRule.Common)]
    [InlineData("wachtwoord2024!", PasswordRule.Common)]
    [InlineData("WELKOM123456", PasswordRule.Common)]
    [InlineData("iloveyou123456", PasswordRule.Common)]
    public void Weak_passwords_are_refused_naming_the_rule(string password, PasswordRule rule)
    {
        var refusal = PasswordPolicy.Check(password, "anouk");

        refusal.Should().NotBeNull();
        refusal!.Rule.Should().Be(rule);
        refusal.Reason.Should().Contain("password");
    }

    [Fact]
    public void A_password_equal_to_the_username_is_refused_whatever_its_case()
    {
        PasswordPolicy.Check("Verpleegkundige-Anouk", "verpleegkundige-anouk")!.Rule.Should().Be(PasswordRule.SameAsUsername);
    }

    [Theory]
    [InlineData("beheer-wachtwoord-1")]
    [InlineData("afdeling-wachtwoord-1")]
    [InlineData("meldkamer-wachtwoord-1")]
    [InlineData("demo-zorg-2021")]
    [InlineData("demo-beheer-2021")]
    [InlineData("thuis-demo-2021")]
    [InlineData("paard batterij nietje")]
    public void Passphrases_used_by_the_demo_and_the_tests_pass(string password)
    {
        PasswordPolicy.Check(password, "demo-zorg").Should().BeNull();
    }

    [Fact]
    public void The_shipped_list_holds_thousands_of_common_passwords()
    {
        PasswordPolicy.CommonPasswordCount.Should().BeGreaterThan(1_000);
    }

    [Fact]
    public void A_password_longer_than_256_characters_is_refused()
    {
        PasswordPolicy.Check(new string('x', 100) + "-" + new string('y', 200), "anouk")!.Rule.Should().Be(PasswordRule.TooLong);
    }
}

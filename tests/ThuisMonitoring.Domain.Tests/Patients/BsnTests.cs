using ThuisMonitoring.Domain.Patients;

namespace ThuisMonitoring.Domain.Tests.Patients;

/// <summary>The 11-test of the citizen service number (BSN).</summary>
public sealed class BsnTests
{
    [Theory]
    [InlineData("111222333", "111222333")]
    [InlineData("123456782", "123456782")]
    [InlineData("1112.22.333", "111222333")]
    [InlineData(" 111 222 333 ", "111222333")]
    [InlineData("12345672", "012345672")]
    public void A_number_that_passes_the_11_test_is_normalised_to_nine_digits(string input, string expected) =>
        Bsn.Normalise(input).Should().Be(expected);

    [Theory]
    [InlineData("111222334")]
    [InlineData("123456789")]
    [InlineData("000000000")]
    [InlineData("12345678a")]
    [InlineData("1234567890")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_BSN(string? input) => Bsn.IsValid(input).Should().BeFalse();
}

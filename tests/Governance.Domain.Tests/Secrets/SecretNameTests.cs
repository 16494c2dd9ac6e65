using Governance.Domain.Errors;
using Governance.Domain.Secrets;

namespace Governance.Domain.Tests.Secrets;

public sealed class SecretNameTests
{
    [Theory]
    [InlineData("model")]
    [InlineData("Sales-key_2.v1")]
    [InlineData("9lives")]
    public void Names_starting_with_a_letter_or_digit_are_accepted(string name) => Assert.Equal(name, SecretName.Validate(name));

    [Theory]
    [InlineData("-rf")]
    [InlineData(".hidden")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("_x")]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("a b")]
    public void Names_a_contract_could_not_name_are_refused_where_values_are_uploaded(string name)
    {
        Assert.False(SecretName.IsValid(name));
        Assert.Throws<DomainException>(() => SecretName.Validate(name));
    }

    [Fact]
    public void The_length_limit_is_the_same_on_both_sides()
    {
        Assert.True(SecretName.IsValid(new string('a', 100)));
        Assert.False(SecretName.IsValid(new string('a', 101)));
    }
}

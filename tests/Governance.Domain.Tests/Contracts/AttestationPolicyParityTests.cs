using System.Reflection;
using Governance.Attestation.Policy;
using Governance.Domain.Contracts;
using Governance.Protocol.Contracts;

namespace Governance.Domain.Tests.Contracts;

/// <summary>
/// The attestation policy is written twice: once as the contract carries it (the protocol's wire form, which clients
/// digest without the attestation library) and once as the attestation library evaluates it. These tests fail as soon
/// as the two drift apart, or the mapping between them forgets a member.
/// </summary>
public sealed class AttestationPolicyParityTests
{
    // Members that are nullable on the wire only so that contracts not using them keep their digests.
    private static readonly Dictionary<Type, Type> Corresponding = new()
    {
        [typeof(bool?)] = typeof(bool),
        [typeof(TcbMinimumSpec)] = typeof(TcbMinimum),
        [typeof(IReadOnlyList<SnpProductName>)] = typeof(IReadOnlyList<SnpProduct>),
        [typeof(SigningKeyName)] = typeof(SigningKeyRequirement),
    };

    [Theory]
    [InlineData(typeof(AttestationPolicySpec), typeof(AttestationPolicy))]
    [InlineData(typeof(TcbMinimumSpec), typeof(TcbMinimum))]
    public void Both_forms_have_the_same_members_of_corresponding_types(Type wire, Type evaluated)
    {
        Assert.Equal(Members(evaluated), Members(wire));
    }

    [Theory]
    [InlineData(typeof(SnpProductName), typeof(SnpProduct))]
    [InlineData(typeof(SigningKeyName), typeof(SigningKeyRequirement))]
    public void Both_forms_name_the_same_enum_values(Type wire, Type evaluated)
    {
        Assert.Equal(Enum.GetNames(evaluated), Enum.GetNames(wire));
    }

    [Fact]
    public void Every_enum_value_maps_to_the_value_of_the_same_name()
    {
        foreach (var product in Enum.GetValues<SnpProductName>())
        {
            var policy = ContractPolicy.ToAttestationPolicy(new AttestationPolicySpec { Products = [product] });
            Assert.Equal(product.ToString(), Assert.Single(policy.Products).ToString());
        }

        foreach (var key in Enum.GetValues<SigningKeyName>())
        {
            var policy = ContractPolicy.ToAttestationPolicy(new AttestationPolicySpec { SigningKey = key });
            Assert.Equal(key.ToString(), policy.SigningKey.ToString());
        }
    }

    [Fact]
    public void The_mapping_carries_every_member()
    {
        var spec = new AttestationPolicySpec();
        foreach (var property in typeof(AttestationPolicySpec).GetProperties().Where(p => p.CanWrite))
        {
            property.SetValue(spec, NonDefault(property, property.GetValue(spec)));
        }

        var policy = ContractPolicy.ToAttestationPolicy(spec);

        var unset = new AttestationPolicy();
        var dropped = typeof(AttestationPolicy).GetProperties()
            .Where(p => p.CanWrite && Same(p.GetValue(policy), p.GetValue(unset)))
            .Select(p => p.Name);
        Assert.Empty(dropped);
    }

    // Settable members only: the evaluated form also has derived, read-only ones (TcbMinimum.IsPerProduct).
    private static List<string> Members(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .Select(p => $"{p.Name}: {Corresponding.GetValueOrDefault(p.PropertyType, p.PropertyType)}")
            .Order(StringComparer.Ordinal)];

    private static bool Same(object? a, object? b) => a is System.Collections.IEnumerable x && b is System.Collections.IEnumerable y && a is not string
        ? x.Cast<object>().SequenceEqual(y.Cast<object>())
        : Equals(a, b);

    private static object NonDefault(PropertyInfo property, object? current) => property.PropertyType switch
    {
        var t when t == typeof(bool) => !(bool)current!,
        var t when t == typeof(bool?) => true,
        var t when t == typeof(uint?) => 7u,
        var t when t == typeof(byte?) => (byte)7,
        var t when t == typeof(string) => "00",
        var t when t == typeof(IReadOnlyList<string>) => new[] { "00" },
        var t when t == typeof(TcbMinimumSpec) => new TcbMinimumSpec { Snp = 7 },
        var t when t == typeof(IReadOnlyList<SnpProductName>) => new[] { SnpProductName.Genoa },
        var t when t == typeof(SigningKeyName) => SigningKeyName.Vlek,
        _ => throw new InvalidOperationException($"Give {property.Name} ({property.PropertyType}) a value other than its default here."),
    };
}

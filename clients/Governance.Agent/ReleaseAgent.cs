using Base64Url = System.Buffers.Text.Base64Url;
using Governance.GuestEvidence;
using JWT = Jose.JWT;
using JweAlgorithm = Jose.JweAlgorithm;
using JweEncryption = Jose.JweEncryption;

namespace Governance.Agent;

/// <summary>
/// The clean room side of attested key release: make a wrapping key, take a nonce, bind both into the
/// evidence (REPORT_DATA, or the HCL report's user data), ask for the contract's secrets, check the receipt, decrypt every JWE with the
/// in-memory key and write the results, the receipt and its runtime instructions (runtime.json) to the output folder.
/// </summary>
/// <param name="serviceKeys">
/// The service's published keys as the VM was given them (pinned); when absent they are read from the service.
/// </param>
public sealed class ReleaseAgent(GovernanceClient client, IEvidenceSource evidence, Governance.Protocol.Audit.ServiceJwkSet? serviceKeys = null)
{
    /// <param name="manifest">The launch manifest whose SHA-256 is HOST_DATA, for contracts with a custom runtime.</param>
    public async Task<ReleaseOutcome> ReleaseAsync(string contractId, string outputDirectory, byte[]? manifest, CancellationToken cancellationToken)
    {
        using var wrappingKey = WrappingKeyPair.Create();
        return await ReleaseAsync(contractId, outputDirectory, manifest, wrappingKey, cancellationToken);
    }

    /// <summary>The same with a wrapping key the caller keeps, to speak on the contract's channel afterwards (<see cref="ConsentWatcher"/>).</summary>
    /// <param name="manifest">The launch manifest whose SHA-256 is HOST_DATA, for contracts with a custom runtime.</param>
    public async Task<ReleaseOutcome> ReleaseAsync(
        string contractId, string outputDirectory, byte[]? manifest, WrappingKeyPair wrappingKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contractId);
        ArgumentNullException.ThrowIfNull(wrappingKey);

        var challenge = await client.Release.CreateChallengeAsync(cancellationToken);
        var nonce = Base64Url.DecodeFromChars(challenge.Nonce);
        var binding = ReleaseBinding.Compute(nonce, wrappingKey.PublicJwk);

        var hardware = await evidence.GetEvidenceAsync(binding, cancellationToken);
        if (hardware.BindingMismatch(binding) is { } mismatch)
        {
            throw new EvidenceUnavailableException($"{hardware.Source}: {mismatch}");
        }

        var request = new ReleaseRequest(contractId, challenge.Nonce, hardware.ToReleaseEvidence(manifest), wrappingKey.PublicJwk);
        var response = await client.Release.ReleaseAsync(request, cancellationToken);

        // Nothing is decrypted or written unless the service's signature says these values were released to this key.
        var keys = serviceKeys ?? await client.ServiceKeys.ListAsync(cancellationToken);
        var receipt = ReleaseReceiptCheck.Verify(response.Receipt, keys, contractId, wrappingKey.Thumbprint, response);

        var output = new ReleaseOutputWriter(outputDirectory);
        var items = new List<ReleasedItem>();
        foreach (var secret in response.Secrets)
        {
            var value = Decrypt(secret.Jwe, wrappingKey);
            try
            {
                items.Add(new ReleasedItem("secret", secret.Owner, secret.Name, output.WritePrivate(value, "secrets", secret.Owner, secret.Name), value.Length));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(value);
            }
        }

        foreach (var dataset in response.Datasets)
        {
            var key = Decrypt(dataset.Key, wrappingKey);
            string keyFile, credentialFile = "";
            try
            {
                keyFile = output.WritePrivate(key, "datasets", dataset.Owner, dataset.Name + ".key");
                items.Add(new ReleasedItem("dataset-key", dataset.Owner, dataset.Name, keyFile, key.Length));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }

            if (dataset.Credential is not null)
            {
                var credential = Decrypt(dataset.Credential, wrappingKey);
                try
                {
                    credentialFile = output.WritePrivate(credential, "datasets", dataset.Owner, dataset.Name + ".credential");
                    items.Add(new ReleasedItem("dataset-credential", dataset.Owner, dataset.Name, credentialFile, credential.Length));
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(credential);
                }
            }

            output.WriteJson(new DatasetDescriptor(dataset.Owner, dataset.Name, dataset.Location, dataset.Format, dataset.SchemaDigest,
                keyFile, credentialFile.Length == 0 ? null : credentialFile), "datasets", dataset.Owner, dataset.Name + ".json");
        }

        output.WritePrivate(System.Text.Encoding.ASCII.GetBytes(response.Receipt), "receipt.jws");
        output.WriteJson(receipt, "receipt.json");
        if (receipt.Runtime is { } runtime)
        {
            // What the clean room's proxies enforce, exactly as the service signed it in the receipt.
            output.WriteJson(runtime, RuntimeFile);
        }

        return new ReleaseOutcome(contractId, output.Root, hardware.Source, wrappingKey.Thumbprint, receipt, items, output.Files);
    }

    /// <summary>The runtime instructions' file in the output folder.</summary>
    public const string RuntimeFile = "runtime.json";

    /// <summary>Only RSA-OAEP-256 with A256GCM is accepted: a JWE in any other form was not made for this key.</summary>
    private static byte[] Decrypt(string jwe, WrappingKeyPair key) =>
        JWT.DecodeBytes(jwe, key.Rsa, JweAlgorithm.RSA_OAEP_256, JweEncryption.A256GCM);

    /// <summary>A dataset as the workload reads it: where and what it is, and the files holding its key and credential.</summary>
    public sealed record DatasetDescriptor(string Owner, string Name, string Location, string Format, string? SchemaDigest, string KeyFile, string? CredentialFile);
}

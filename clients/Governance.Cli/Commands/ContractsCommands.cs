using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using Governance.Protocol.Contracts;

namespace Governance.Cli.Commands;

/// <summary>`governance contracts …`: offline digests, approval signatures and their re-verification.</summary>
internal static class ContractsCommands
{
    public static Command Build()
    {
        var contracts = new Command("contracts", "Contract digests and approval signatures, computed and checked offline.");
        contracts.Subcommands.Add(SignDigest());
        contracts.Subcommands.Add(Digest());
        contracts.Subcommands.Add(VerifyApprovals());
        return contracts;
    }

    private static Command SignDigest()
    {
        var key = new Option<FileInfo>("--key") { Description = "PEM file with your ECDSA P-256 or P-384 private key.", Required = true };
        var member = new Option<string>("--member") { Description = "Your member id.", Required = true };
        var contract = new Option<Guid>("--contract") { Description = "The contract id.", Required = true };
        var digest = new Option<string>("--digest") { Description = "The digest to approve (64 hex digits), from GET /contracts/{id}/digest.", Required = true };
        var command = new Command("sign-digest", "Prints the approval signature (compact JWS) to paste into POST /contracts/{id}/approvals.")
        {
            key, member, contract, digest,
        };
        command.SetAction(result =>
        {
            var hex = result.GetValue(digest)!.Trim().ToLowerInvariant();
            if (hex.Length != 64 || !hex.All(Uri.IsHexDigit))
            {
                Console.Error.WriteLine("The digest must be 64 hex digits.");
                return 2;
            }

            using var ecdsa = ECDsa.Create();
            try
            {
                ecdsa.ImportFromPem(File.ReadAllText(result.GetValue(key)!.FullName));
            }
            catch (Exception exception) when (exception is ArgumentException or CryptographicException or IOException)
            {
                Console.Error.WriteLine($"Cannot read an ECDSA private key from the file: {exception.Message}");
                return 2;
            }

            var id = result.GetValue(contract);
            var signature = ContractApprovalSignature.Sign(ecdsa, EcJwk.Thumbprint(ecdsa), id, hex);
            Console.Error.WriteLine($"Signed as {result.GetValue(member)}: {ContractApprovalSignature.Payload(id, hex)}");
            Console.WriteLine(JsonSerializer.Serialize(new ApproveContractRequest(hex, signature), ContractJson.Options));
            return 0;
        });
        return command;
    }

    private static Command Digest()
    {
        var file = new Option<FileInfo>("--file") { Description = "JSON file with the contract content.", Required = true };
        var command = new Command("digest-file", "Prints the digest of a contract content file, offline, as the service computes it.") { file };
        command.SetAction(result =>
        {
            try
            {
                Console.WriteLine(ContractDigest.ToHex(ContractDigest.ComputeFromJson(File.ReadAllText(result.GetValue(file)!.FullName))));
                return 0;
            }
            catch (Exception exception) when (exception is JsonException or IOException)
            {
                Console.Error.WriteLine($"Cannot read the content: {exception.Message}");
                return 2;
            }
        });
        return command;
    }

    private static Command VerifyApprovals()
    {
        var file = new Option<FileInfo>("--file") { Description = "JSON served by GET /contracts/{id}/approvals.", Required = true };
        var command = new Command("verify-approvals", "Re-verifies every approval in a saved GET /contracts/{id}/approvals answer, offline.") { file };
        command.SetAction(result =>
        {
            var approvals = JsonSerializer.Deserialize<ContractApprovalsView>(File.ReadAllText(result.GetValue(file)!.FullName), ContractJson.Options)!;
            var failures = 0;
            foreach (var approval in approvals.Approvals)
            {
                string verdict;
                if (approval.IsUnsigned)
                {
                    verdict = "UNSIGNED (external sign-in)";
                }
                else
                {
                    var check = ContractApprovalSignature.Verify(approval.Signature ?? "", approvals.ContractId, approvals.Digest, approval.PublicJwk ?? "");
                    var sameDigest = string.Equals(approval.Digest, approvals.Digest, StringComparison.OrdinalIgnoreCase);
                    var keyMatches = EcJwk.TryImport(approval.PublicJwk) is { } key && EcJwk.Thumbprint(key) == approval.KeyId;
                    verdict = check.IsValid && sameDigest && keyMatches ? "valid" : $"INVALID: {check.Problem ?? "digest or key id mismatch"}";
                    failures += verdict == "valid" ? 0 : 1;
                }

                Console.WriteLine($"{approval.MemberId}\t{approval.KeyId}\t{verdict}");
            }

            return failures == 0 ? 0 : 1;
        });
        return command;
    }
}

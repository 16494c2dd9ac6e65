namespace Governance.GuestEvidence.Tpm;

/// <summary>A TPM command failed: the TPM's response code (when it answered with one) and what it means.</summary>
public sealed class TpmException : Exception
{
    public TpmException(TpmCommandCode command, uint responseCode)
        : base($"TPM2_{command} failed with response code 0x{responseCode:x3} ({Describe(responseCode)}).")
    {
        Command = command;
        ResponseCode = responseCode;
    }

    public TpmException(TpmCommandCode command, string problem, Exception? inner = null)
        : base($"TPM2_{command}: {problem}", inner)
    {
        Command = command;
    }

    /// <summary>The TPM could not be reached at all (no command was answered).</summary>
    public TpmException(string problem, Exception? inner)
        : base(problem, inner)
    {
    }

    /// <summary>The command that failed; null when the TPM could not be reached.</summary>
    public TpmCommandCode? Command { get; }

    /// <summary>The TPM's response code; null when the failure was in the transport or the response's shape.</summary>
    public uint? ResponseCode { get; }

    /// <summary>TPM_RC_HANDLE for any handle: the index (or hierarchy) does not exist.</summary>
    public bool IsMissingHandle => ResponseCode is { } code && IsFormatOne(code) && (code & 0x3F) == 0x0B;

    /// <summary>TPM_RC_NV_DEFINED: the index is already defined.</summary>
    public bool IsAlreadyDefined => ResponseCode == 0x14C;

    private static bool IsFormatOne(uint code) => (code & 0x80) != 0;

    /// <summary>The response codes an NV client meets (Part 2 §6.6), named; others by number only.</summary>
    private static string Describe(uint code)
    {
        if (IsFormatOne(code))
        {
            var which = (code & 0x40) != 0 ? $"parameter {(code >> 8) & 0xF}" : (code & 0x800) != 0 ? $"session {(code >> 8) & 0x7}" : $"handle {(code >> 8) & 0x7}";
            return (code & 0x3F) switch
            {
                0x0B => $"TPM_RC_HANDLE, {which}: no such index",
                0x0E => $"TPM_RC_AUTH_FAIL, {which}",
                0x15 => $"TPM_RC_SIZE, {which}",
                0x04 => $"TPM_RC_VALUE, {which}",
                _ => $"format-1 error 0x{code & 0x3F:x2}, {which}",
            };
        }

        return code switch
        {
            0x100 => "TPM_RC_INITIALIZE: the TPM has not been started",
            0x149 => "TPM_RC_NV_AUTHORIZATION",
            0x14A => "TPM_RC_NV_UNINITIALIZED: the index was never written",
            0x14B => "TPM_RC_NV_SPACE: no room for the index",
            0x14C => "TPM_RC_NV_DEFINED: the index already exists",
            0x146 => "TPM_RC_NV_RANGE: offset or size outside the index",
            0x148 => "TPM_RC_NV_LOCKED",
            0x922 or 0x908 => "TPM_RC_RETRY/YIELDED: the TPM is busy",
            _ => "see TPM 2.0 Part 2, TPM_RC",
        };
    }
}

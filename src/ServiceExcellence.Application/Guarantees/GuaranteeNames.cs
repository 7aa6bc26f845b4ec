using ServiceExcellence.Domain.Guarantees;

namespace ServiceExcellence.Application.Guarantees;

/// <summary>How the desk names channels and states.</summary>
public static class GuaranteeNames
{
    public static string Describe(this GuaranteeChannel channel) => channel switch
    {
        GuaranteeChannel.SurveyLink => "Survey link",
        GuaranteeChannel.PhoneCall => "Phone call",
        GuaranteeChannel.Email => "Email",
        _ => "Other",
    };

    public static string Describe(this GuaranteeStatus status) => status switch
    {
        GuaranteeStatus.Open => "Open",
        GuaranteeStatus.Agreed => "Agreed, credit to issue",
        GuaranteeStatus.Settled => "Settled",
        _ => "Withdrawn",
    };
}

using ServiceExcellence.Domain.Privacy;

namespace ServiceExcellence.Application.Privacy;

public static class PrivacyText
{
    public static string Describe(PrivacyAction action) => action switch
    {
        PrivacyAction.ExportedJson => "Exported JSON",
        PrivacyAction.ExportedCsv => "Exported CSV",
        PrivacyAction.Erased => "Erased",
        PrivacyAction.PurgedByRetention => "Purged by retention",
        _ => action.ToString(),
    };
}

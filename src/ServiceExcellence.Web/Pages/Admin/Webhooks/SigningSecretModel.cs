namespace ServiceExcellence.Web.Pages.Admin.Webhooks;

/// <summary>A signing secret just made, shown once by <c>_SigningSecret</c>.</summary>
public sealed record SigningSecretModel(string EndpointName, string Secret, Guid EndpointId);

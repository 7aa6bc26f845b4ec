namespace ServiceExcellence.Domain.Transactions;

/// <summary>How the contact with the client took place.</summary>
public enum Channel
{
    Phone = 0,
    Email = 1,
    OnSite = 2,
    Web = 3,
    Chat = 4,
    Other = 5,
}

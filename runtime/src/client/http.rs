//! What a client sends its requests through: a `reqwest::Client`, or (feature `middleware`)
//! a `reqwest_middleware::ClientWithMiddleware`, the stack of middleware (auth refresh,
//! caching, logging, metrics) that reqwest users already share.

use reqwest::{Request, Response};

use super::Error;

/// What a client sends its requests through: `with_http_client` takes anything that converts
/// into it, a `reqwest::Client` or, with the runtime's feature `middleware`, a
/// `reqwest_middleware::ClientWithMiddleware`. The client's timeouts, size limit, retries and
/// spans wrap whatever is given.
#[derive(Debug, Clone)]
pub struct Http(Stack);

#[derive(Debug, Clone)]
enum Stack {
    Reqwest(reqwest::Client),
    #[cfg(feature = "middleware")]
    Middleware(reqwest_middleware::ClientWithMiddleware),
}

impl From<reqwest::Client> for Http {
    fn from(client: reqwest::Client) -> Self {
        Http(Stack::Reqwest(client))
    }
}

#[cfg(feature = "middleware")]
impl From<reqwest_middleware::ClientWithMiddleware> for Http {
    fn from(client: reqwest_middleware::ClientWithMiddleware) -> Self {
        Http(Stack::Middleware(client))
    }
}

impl Http {
    /// Sends `request` and gives the answer, its body not yet read.
    pub(super) async fn execute(&self, request: Request) -> Result<Response, Error> {
        match &self.0 {
            Stack::Reqwest(client) => Ok(client.execute(request).await?),
            #[cfg(feature = "middleware")]
            Stack::Middleware(client) => match client.execute(request).await {
                Ok(response) => Ok(response),
                Err(reqwest_middleware::Error::Reqwest(error)) => Err(error.into()),
                Err(reqwest_middleware::Error::Middleware(error)) => {
                    Err(Error::Middleware(error.into()))
                }
            },
        }
    }
}

import { graphql } from "../generated/index.ts";

export const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
      user {
        id
        email
        name
      }
    }
  }
`);

export const SignUpMutation = graphql(`
  mutation SignUp($email: String!, $password: String!, $name: String!) {
    signUp(email: $email, password: $password, name: $name) {
      message
    }
  }
`);

export const OAuthSignInMutation = graphql(`
  mutation OAuthSignIn($provider: String!, $providerAccountId: String!, $email: String!, $name: String!) {
    oauthSignIn(provider: $provider, providerAccountId: $providerAccountId, email: $email, name: $name) {
      token
      user {
        id
        email
        name
      }
    }
  }
`);

export const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

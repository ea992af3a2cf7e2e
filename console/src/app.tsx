import { PurposePage } from './session/purpose-page';
import { useSession } from './session/session';
import { SignInPage } from './session/sign-in-page';
import { Shell } from './shell/shell';

/** Sign in, then choose a purpose, then work: nothing is fetched from the graph before a purpose is chosen. */
export function App() {
  const { session, purpose } = useSession();
  if (!session) return <SignInPage />;
  if (!purpose) return <PurposePage />;
  return <Shell />;
}

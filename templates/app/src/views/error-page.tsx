import { Layout } from './layout.js'

export function ErrorPage({ status, message }: { status: number; message: string }) {
  return (
    <Layout title={`${status} ${message}`}>
      <p>
        <a href="/">Back to the start</a>
      </p>
    </Layout>
  )
}
